// Scenarios: the scenario file format. Decoding with units ("30s", "250m", "512Mi"),
// validation with field paths, the built-in reference platform as defaults, and turning a file
// into a model configuration. Filled by the scenario-format issue.
