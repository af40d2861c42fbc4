import SimKernel

/// An M/M/c queue written as an ordinary model on the kernel, the way SimPy's peer baseline
/// writes it: Poisson arrivals, `c` servers, one FIFO line, exponential service.
///
/// Nothing here is special-cased for speed: events go through ``Simulation``'s queue, draws come
/// from named ``RandomStream``s through ``Distribution``, and the line is a ``RingBuffer``.
/// Time is measured in seconds of simulated time (1 time unit = 1 s).
struct MMcBenchmarkModel: SimulationModel {
  enum Event {
    case arrival
    case departure
  }

  /// Customers still to arrive after the one scheduled.
  private var arrivalsLeft: Int
  private let servers: Int
  private var busyServers = 0
  private var line = RingBuffer<SimTime>(capacity: 1_024)
  private let interarrival: Distribution
  private let service: Distribution
  private var arrivalStream: RandomStream
  private var serviceStream: RandomStream
  /// The wait in line of every customer that started service, in seconds, in batches for a
  /// confidence interval on the steady-state mean.
  private(set) var waits: BatchMeans

  /// Creates the model and schedules the first arrival on `simulation`.
  init(
    customers: Int, servers: Int, utilisation: Double, seed: UInt64,
    simulation: inout Simulation<Event>
  ) throws {
    let serviceRate = 1.0
    let arrivalRate = utilisation * Double(servers) * serviceRate
    let streams = RandomStreams(masterSeed: seed, replication: 0)
    self.arrivalsLeft = customers - 1
    self.servers = servers
    self.interarrival = try .exponential(mean: 1 / arrivalRate)
    self.service = try .exponential(mean: 1 / serviceRate)
    self.arrivalStream = streams.stream(named: "arrivals")
    self.serviceStream = streams.stream(named: "service")
    self.waits = BatchMeans(maximumBatchCount: 32)
    if customers > 0 {
      simulation.schedule(.arrival, after: SimDuration(seconds: interarrival.sample(using: &arrivalStream)))
    }
  }

  mutating func handle(_ event: Event, in simulation: inout Simulation<Event>) {
    switch event {
    case .arrival:
      if arrivalsLeft > 0 {
        arrivalsLeft -= 1
        let gap = SimDuration(seconds: interarrival.sample(using: &arrivalStream))
        simulation.schedule(.arrival, after: gap)
      }
      if busyServers < servers {
        busyServers += 1
        startService(waitedSince: simulation.now, in: &simulation)
      } else {
        line.append(simulation.now)
      }
    case .departure:
      if let arrived = line.popFirst() {
        startService(waitedSince: arrived, in: &simulation)
      } else {
        busyServers -= 1
      }
    }
  }

  private mutating func startService(waitedSince arrived: SimTime, in simulation: inout Simulation<Event>) {
    let wait = (simulation.now - arrived).inSeconds
    waits.record(wait)
    simulation.schedule(.departure, after: SimDuration(seconds: service.sample(using: &serviceStream)))
  }
}
