import SimKernel
import Testing

@testable import Experiments

@Suite struct AvailabilityTests {
  @Test("MTBF 999 h and MTTR 1 h give 0.999")
  func steadyState() {
    #expect(
      Availability.steadyState(meanTimeBetweenFailures: .hours(999), meanTimeToRepair: .hours(1))
        == 0.999)
    #expect(
      Availability.steadyState(meanTimeBetweenFailures: .days(30), meanTimeToRepair: .zero) == 1)
    let a = Availability.steadyState(
      meanTimeBetweenFailures: .hours(720), meanTimeToRepair: .minutes(30))
    #expect(abs(a - 720.0 / 720.5) <= 1e-16)
  }

  @Test("series multiplies: two 0.99 components give 0.9801; none gives 1")
  func series() {
    #expect(abs(Availability.series([0.99, 0.99]) - 0.9801) <= 1e-15)
    #expect(abs(Availability.series([0.999, 0.99, 0.9]) - 0.890109) <= 1e-15)
    #expect(Availability.series([]) == 1)
    #expect(Availability.series([1, 0.5, 0]) == 0)
  }

  @Test("parallel: two 0.99 replicas give 0.9999, three 0.999 zones 1 − 10⁻⁹; none gives 0")
  func parallel() {
    #expect(abs(Availability.parallel([0.99, 0.99]) - 0.9999) <= 1e-15)
    #expect(abs(Availability.parallel([0.999, 0.999, 0.999]) - (1 - 1e-9)) <= 1e-15)
    #expect(Availability.parallel([]) == 0)
    #expect(Availability.parallel([0, 0.5, 1]) == 1)
  }

  @Test("a series of parallel stages: load balancer then three zones of two pods")
  func composite() {
    let pod = Availability.steadyState(
      meanTimeBetweenFailures: .hours(99), meanTimeToRepair: .hours(1))
    let zone = Availability.series([0.999, Availability.parallel([pod, pod])])
    let total = Availability.series([0.9999, Availability.parallel([zone, zone, zone])])
    // pod 0.99; zone 0.999·0.9999 = 0.9989001; three zones 1 − 0.0010999³; × 0.9999.
    let expected = 0.9999 * (1 - (1 - 0.999 * 0.9999) * (1 - 0.999 * 0.9999) * (1 - 0.999 * 0.9999))
    #expect(abs(total - expected) <= 1e-15)
  }
}
