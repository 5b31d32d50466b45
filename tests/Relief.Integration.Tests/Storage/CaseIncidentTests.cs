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

/// <summary>
/// A case's inbox lines are written in the transaction of its own state (ADR 18): a store that refuses them fails
/// the step whole, leaves nothing half done, and the step goes through once the store accepts it again.
/// </summary>
public sealed class CaseIncidentTests
{
    [Fact]
    public async Task A_queue_fault_fails_the_decision_whole_and_the_decision_goes_through_once_the_store_accepts_it()
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
        var branchQuota = grains.GetGrain<IQuotaGrain>(QuotaKeys.For(programmeId, branch));

        // The queue store refuses deletions, as a database in trouble might: the branch's line cannot leave its inbox.
        await storage.Scalar<long>("CREATE TRIGGER refuse_queue_delete BEFORE DELETE ON relief_inbox BEGIN SELECT RAISE(ABORT, 'queue store unavailable'); END; SELECT 0;");
        var fault = await Record.ExceptionAsync(() => grains.GetGrain<ICaseGrain>(caseId).Decide(new Decision(DecisionKind.Approve, null, null), new Actor("approver", branch)));
        var afterFault = await grains.GetGrain<ICaseGrain>(caseId).Describe();

        Assert.NotNull(fault);
        Assert.Contains("queue store unavailable", fault.ToString(), StringComparison.Ordinal);
        Assert.Equal(branch, afterFault!.WaitingAt);
        Assert.Empty(afterFault.Incidents);
        Assert.Equal(["file"], afterFault.Journal.Select(j => j.Step));
        Assert.Equal(1, await QueueTotal(storage, programmeId, branch));
        Assert.Equal(0, await QueueTotal(storage, programmeId, "CN-44-03-05"));
        // The place the decision took before its write failed is given back by the case's recovery wake-up, unasked.
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while ((await branchQuota.Describe()).Used != 0 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(250);
        }
        Assert.Equal(0, (await branchQuota.Describe()).Used);

        await storage.Scalar<long>("DROP TRIGGER refuse_queue_delete; SELECT 0;");
        var decided = await grains.GetGrain<ICaseGrain>(caseId).Decide(new Decision(DecisionKind.Approve, null, null), new Actor("approver", branch));
        var afterRetry = await grains.GetGrain<ICaseGrain>(caseId).Describe();

        Assert.True(decided.Succeeded, decided.Message);
        Assert.Equal("CN-44-03-05", afterRetry!.WaitingAt);
        Assert.Empty(afterRetry.Incidents);
        Assert.Equal(0, await QueueTotal(storage, programmeId, branch));
        Assert.Equal(1, await QueueTotal(storage, programmeId, "CN-44-03-05"));
        Assert.Equal(1, (await branchQuota.Describe()).Used);
    }

    private static Task<long> QueueTotal(TestStorage storage, Guid programmeId, string unit) =>
        storage.Scalar<long>($"SELECT count(*) FROM relief_inbox WHERE programme_id = '{programmeId}' AND unit_code = '{unit}' AND waiting_for = '{WaitingFor.Decision}'");
}
