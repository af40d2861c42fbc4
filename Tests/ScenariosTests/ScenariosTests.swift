// Tests of the Scenarios target.
