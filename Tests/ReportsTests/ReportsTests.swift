// Tests of the Reports target.
