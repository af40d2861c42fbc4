// SimKernel: simulated time, the event queue and run loop, seeded random streams and
// distributions, and streaming statistics. It knows nothing of clouds, files or JSON, and it
// does not import Foundation: everything here is deterministic integer-or-IEEE arithmetic that
// gives the same answer on every machine.
