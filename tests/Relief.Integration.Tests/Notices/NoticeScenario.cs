using Orleans.TestingHost;
using Relief.Silo.Hierarchy;
using Relief.Workflows.Applicants;
using Relief.Workflows.Cases;
using Relief.Workflows.Common;
using Relief.Workflows.Funds;
using Relief.Workflows.Hierarchy;
using Relief.Workflows.Notices;
using Relief.Workflows.Programmes;
using Relief.Workflows.Quotas;

namespace Relief.Integration.Tests.Notices;

/// <summary>
/// A programme whose route ends in a 5-working-day notice at the branch, with quota and money handed down,
/// driven through the grains of a test cluster whose clock starts on Thursday 4 February 2027 in Beijing.
/// </summary>
public sealed class NoticeScenario(TestCluster cluster, Guid programmeId)
{
    public const string Branch = "CN-44-03-05-0001";
    public static readonly DateTimeOffset Thursday = new(2027, 2, 4, 10, 0, 0, TimeSpan.FromHours(8));
    private static readonly Actor Admin = new("admin", "CN");

    public Guid ProgrammeId { get; } = programmeId;

    public IGrainFactory Grains => cluster.GrainFactory;

    public const string FiveWorkingDaysAtTheBranch = """{ "route": ["Branch"], "notice": { "level": "Branch", "days": 5 } }""";

    public static async Task<NoticeScenario> Prepare(TestCluster cluster, string workflow = FiveWorkingDaysAtTheBranch)
    {
        var grains = cluster.GrainFactory;
        await new HierarchyImporter(grains).Import(DemoHierarchy.Read());
        var id = Guid.NewGuid();
        var programme = grains.GetGrain<IProgrammeGrain>(id);
        await programme.Create(new ProgrammeTerms("2027年两节送温暖",
            [new RecipientCategory("archived", "在档困难职工", Money.FromYuan(1500), [], EligibilityRule.Anyone)],
            new Dictionary<string, Money>(), new DateOnly(2027, 1, 1), new DateOnly(2027, 2, 28), new DateOnly(2027, 3, 31), false), Admin);
        var saved = await programme.SaveWorkflow(workflow, Admin);
        Assert.True(saved.Succeeded, saved.Message);
        await programme.Publish(Admin);
        await grains.GetGrain<IQuotaGrain>(QuotaKeys.For(id, "CN")).SetNational(100, Admin);
        await grains.GetGrain<IAccountGrain>(AccountKeys.For(id, "CN")).Grant(FundingSource.NationalAllocation, Money.FromYuan(1_000_000), null, Admin);
        foreach (var (parent, child) in new[] { ("CN", "CN-44"), ("CN-44", "CN-44-03"), ("CN-44-03", "CN-44-03-05"), ("CN-44-03-05", Branch) })
        {
            var finance = new Actor("finance", parent);
            await grains.GetGrain<IQuotaGrain>(QuotaKeys.For(id, parent)).Allocate(child, 100, finance);
            var sent = await grains.GetGrain<IAccountGrain>(AccountKeys.For(id, parent)).Allocate(child, Money.FromYuan(200_000), null, finance);
            await grains.GetGrain<IAccountGrain>(AccountKeys.For(id, child)).ConfirmReceipt(sent.Entry!.Id, new Actor("finance", child));
        }
        return new NoticeScenario(cluster, id);
    }

    /// <summary>
    /// Files <paramref name="count"/> cases (applicants numbered from <paramref name="firstApplicant"/>) and approves them at the
    /// branch: on a branch-only route they then wait for the next list.
    /// </summary>
    public async Task<List<Guid>> ApprovedCases(int count, int firstApplicant = 0)
    {
        var cases = new List<Guid>();
        for (var i = firstApplicant; i < firstApplicant + count; i++)
        {
            var id = Guid.NewGuid();
            var first17 = $"440305{new DateOnly(1970, 1, 1).AddDays(i * 37):yyyyMMdd}{i % 1000:D3}";
            var filed = await Grains.GetGrain<ICaseGrain>(id).File(new CaseApplication(ProgrammeId, Branch,
                new Applicant(i % 2 == 0 ? "张建明" : "李娜", first17 + ResidentIdNumber.CheckCharacter(first17), 3, Money.FromYuan(800), "archived", "家庭困难"),
                null, null), new Actor("clerk", Branch));
            Assert.True(filed.Succeeded, filed.Message);
            var approved = await Grains.GetGrain<ICaseGrain>(id).Decide(new Decision(DecisionKind.Approve, null, null), new Actor("approver-1", Branch));
            Assert.True(approved.Succeeded, approved.Message);
            cases.Add(id);
        }
        return cases;
    }

    public async Task<Guid> Publish()
    {
        var (result, listId) = await Grains.GetGrain<INoticeBoardGrain>(Relief.Workflows.Notices.Notices.BoardKey(ProgrammeId, Branch)).Publish(new Actor("approver-2", Branch));
        Assert.True(result.Succeeded, result.Message);
        return listId!.Value;
    }

    public async Task<CaseStatus> Status(Guid caseId) => (await Grains.GetGrain<ICaseGrain>(caseId).Describe())!.Status;

    public Task<AccountView> BranchAccount() => Grains.GetGrain<IAccountGrain>(AccountKeys.For(ProgrammeId, Branch)).Describe();

    public Task<QuotaView> BranchQuota() => Grains.GetGrain<IQuotaGrain>(QuotaKeys.For(ProgrammeId, Branch)).Describe();
}
