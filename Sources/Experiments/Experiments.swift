// Experiments: one run, many replications, sweeps over parameters, parallel execution, shards
// and their merge, confidence intervals across runs. Filled by the experiments issue.
