// Reports: summary JSON, CSV tables, HTML, terminal tables and JUnit XML. It knows nothing of
// how the numbers were produced. Filled by the reports issue.
