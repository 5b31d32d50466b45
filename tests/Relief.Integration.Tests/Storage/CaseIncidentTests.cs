using Relief.Integration.Tests.Infrastructure;
using Relief.Silo.Configuration;
using Relief.Silo.Hierarchy;
using Relief.Workflows.Cases;
using Relief.Workflows.Common;
using Relief.Workflows.Funds;
using Relief.Workflows.Hierarchy;
using Relief.Workflows.Programmes;
using Relief.Workflows.Queues;
using Relief.Workflows.Quotas;

namespace Relief.Integration.Tests.Storage;

/// <summary>A step that faults after the case moved is kept on the case as an incident and can be retried.</summary>
public sealed class CaseIncidentTests
{
    [Fact]
    public async Task A_queue_fault_after_a_decision_becomes_an_incident_that_a_retry_resolves()
    {
        await using var storage = await TestStorage.Create(StorageMode.Embedded);
        await using var cluster = await ReliefClusters.Start(storage);
        var grains = cluster.GrainFactory;
        await new HierarchyImporter(grains).Import(DemoHierarchy.Read());
        var programmeId = Guid.NewGuid();
        var admin = new Actor("admin", "CN");
        var programme = grains.GetGrain<IProgrammeGrain>(programmeId);
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        await programme.Create(new ProgrammeTerms("送温暖", [new RecipientCategory("archived", "在档困难职工", Money.FromYuan(1500), [], EligibilityRule.Anyone)],
            new Dictionary<string, Money>(), today.AddDays(-10), today.AddDays(10), today.AddDays(20), false), admin);
        await programme.SaveWorkflow("""{ "route": ["Branch", "District"] }""", admin);
        await programme.Publish(admin);
        const string branch = "CN-44-03-05-0001";
        await grains.GetGrain<IQuotaGrain>(QuotaKeys.For(programmeId, "CN")).SetNational(10, admin);
        foreach (var (parent, child) in new[] { ("CN", "CN-44"), ("CN-44", "CN-44-03"), ("CN-44-03", "CN-44-03-05"), ("CN-44-03-05", branch) })
        {
            Assert.True((await grains.GetGrain<IQuotaGrain>(QuotaKeys.For(programmeId, parent)).Allocate(child, 10, new Actor("finance", parent))).Succeeded);
        }
        var caseId = Guid.NewGuid();
        var filed = await grains.GetGrain<ICaseGrain>(caseId).File(new CaseApplication(programmeId, branch,
            new Applicant("王芳", "11010519491231002X", 2, Money.FromYuan(700), "archived", "独自抚养子女"), null, null), new Actor("clerk", branch));
        Assert.True(filed.Succeeded, filed.Message);

        // The queue store refuses deletions, as a database in trouble might.
        await storage.Scalar<long>("CREATE TRIGGER refuse_queue_delete BEFORE DELETE ON relief_inbox BEGIN SELECT RAISE(ABORT, 'queue store unavailable'); END; SELECT 0;");
        var decided = await grains.GetGrain<ICaseGrain>(caseId).Decide(new Decision(DecisionKind.Approve, null, null), new Actor("approver", branch));
        var afterFault = await grains.GetGrain<ICaseGrain>(caseId).Describe();

        Assert.True(decided.Succeeded, decided.Message);
        Assert.Equal("CN-44-03-05", afterFault!.WaitingAt);
        var incident = Assert.Single(afterFault.Incidents);
        Assert.Equal("queue-sync", incident.Step);
        Assert.Contains("queue store unavailable", incident.Error, StringComparison.Ordinal);
        Assert.Null(incident.ResolvedAt);
        Assert.Equal(1, await QueueTotal(storage, programmeId, branch));

        await storage.Scalar<long>("DROP TRIGGER refuse_queue_delete; SELECT 0;");
        var retried = await grains.GetGrain<ICaseGrain>(caseId).RetryIncidents(new Actor("approver", branch));
        var afterRetry = await grains.GetGrain<ICaseGrain>(caseId).Describe();

        Assert.True(retried.Succeeded, retried.Message);
        Assert.NotNull(Assert.Single(afterRetry!.Incidents).ResolvedAt);
        Assert.Equal(0, await QueueTotal(storage, programmeId, branch));
        Assert.Equal(1, await QueueTotal(storage, programmeId, "CN-44-03-05"));
    }

    private static Task<long> QueueTotal(TestStorage storage, Guid programmeId, string unit) =>
        storage.Scalar<long>($"SELECT count(*) FROM relief_inbox WHERE programme_id = '{programmeId}' AND unit_code = '{unit}' AND waiting_for = '{WaitingFor.Decision}'");
}
