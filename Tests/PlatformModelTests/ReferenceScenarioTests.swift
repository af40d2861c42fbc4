import Testing

@testable import PlatformModel

@Suite struct ReferenceScenarioTests {
  @Test("the reference scenario follows the TByte production settings")
  func followsTByte() {
    let reference = PlatformScenario.reference
    #expect(reference.platform.zones.count == 3)
    #expect(reference.platform.natGateways == .single(zone: "eu-central-1a"))
    let group = reference.platform.nodeGroups[0]
    #expect((group.instanceType, group.minNodes, group.desiredNodes, group.maxNodes) == ("t3.medium", 2, 3, 10))
    let frontend = reference.platform.services[0]
    #expect((frontend.cpuRequestMillicores, frontend.memoryRequestMiB) == (100, 128))
    #expect((frontend.cpuLimitMillicores, frontend.memoryLimitMiB) == (500, 256))
    #expect((frontend.minReplicas, frontend.maxReplicas) == (5, 10))
    let backend = reference.platform.services[1]
    #expect((backend.cpuRequestMillicores, backend.memoryRequestMiB) == (200, 256))
    #expect((backend.minReplicas, backend.maxReplicas) == (2, 15))
    #expect(reference.platform.database.multiAZ)
    #expect(reference.objectives.availability == 0.999)
  }
}
