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

namespace Relief.Integration.Tests.Cluster;

/// <summary>
/// A programme over the whole demo hierarchy (32 branches in 8 districts; route: district approval, 5 working
/// days' notice at the district), money and quota handed down to every branch, and the steps of a peak as
/// retrying clients drive them: every call is retried until it gives its answer, as the API's clients do, and
/// every command is idempotent, so a retry after a lost answer does no harm.
/// </summary>
public sealed class PeakWorkload(TestCluster cluster)
{
    public static readonly DateTimeOffset Start = new(2027, 1, 11, 9, 0, 0, TimeSpan.FromHours(8));
    public static readonly Money Standard = Money.FromYuan(1500);
    private static readonly Actor Admin = new("admin", "CN");

    public Guid ProgrammeId { get; } = Guid.NewGuid();

    public List<string> Branches { get; private set; } = [];

    /// <summary>Calls that failed and were retried (a silo died under them, or was leaving), by exception type.</summary>
    public int Retries => _failures.Count;

    public IReadOnlyList<string> Failures => [.. _failures];

    private readonly System.Collections.Concurrent.ConcurrentQueue<string> _failures = new();

    private IGrainFactory Grains => cluster.Client;

    public async Task Prepare(int casesPerBranch)
    {
        await new HierarchyImporter(Grains).Import(DemoHierarchy.Read());
        var all = HierarchyFile.Read(DemoHierarchy.Read()).Rows.Select(row => row.Code).ToList();
        Branches = all.Where(u => u.Level == OrgLevel.Branch).Select(u => u.Value).Order(StringComparer.Ordinal).ToList();
        var programme = Grains.GetGrain<IProgrammeGrain>(ProgrammeId);
        Check(await programme.Create(new ProgrammeTerms("2027年两节送温暖（高峰演练）",
            [new RecipientCategory("archived", "在档困难职工", Standard, [], EligibilityRule.Anyone)],
            new Dictionary<string, Money>(), new DateOnly(2027, 1, 1), new DateOnly(2027, 2, 28), new DateOnly(2027, 3, 31), false), Admin));
        Check(await programme.SaveWorkflow("""{ "route": ["District"], "notice": { "level": "District", "days": 5 } }""", Admin));
        Check(await programme.Publish(Admin));
        var finance = new Actor("finance", "CN");
        Check(await Grains.GetGrain<IQuotaGrain>(QuotaKeys.For(ProgrammeId, "CN")).SetNational(100_000, finance));
        Check((await Grains.GetGrain<IAccountGrain>(AccountKeys.For(ProgrammeId, "CN")).Grant(FundingSource.NationalAllocation, Money.FromYuan(10_000_000), null, finance)).Result);
        // Each unit passes on what its subtree needs: its branches' cases, in quota places and in money.
        foreach (var unit in all.Where(u => u.Level != OrgLevel.National).OrderBy(u => u.Level))
        {
            var branchesBelow = Branches.Count(b => b == unit.Value || b.StartsWith(unit.Value + "-", StringComparison.Ordinal));
            var parent = unit.Parent!.Value.Value;
            var actor = new Actor("finance", parent);
            Check(await Grains.GetGrain<IQuotaGrain>(QuotaKeys.For(ProgrammeId, parent)).Allocate(unit.Value, branchesBelow * casesPerBranch, actor));
            var sent = await Grains.GetGrain<IAccountGrain>(AccountKeys.For(ProgrammeId, parent)).Allocate(unit.Value, Money.FromYuan(branchesBelow * casesPerBranch * 1500L), null, actor);
            Check(sent.Result);
            Check((await Grains.GetGrain<IAccountGrain>(AccountKeys.For(ProgrammeId, unit.Value)).ConfirmReceipt(sent.Entry!.Id, new Actor("finance", unit.Value))).Result);
        }
    }

    /// <summary>Files one case for applicant <paramref name="n"/> at its branch and approves it at the district.</summary>
    public async Task FileAndApprove(Guid caseId, int n)
    {
        var branch = Branches[n % Branches.Count];
        var first17 = $"440305{new DateOnly(1950, 1, 1).AddDays(n):yyyyMMdd}{n % 1000:D3}";
        var application = new CaseApplication(ProgrammeId, branch,
            new Applicant("张建明", first17 + ResidentIdNumber.CheckCharacter(first17), 3, Money.FromYuan(800), "archived", "家庭困难"), null, null);
        var grain = Grains.GetGrain<ICaseGrain>(caseId);
        await Retry(() => grain.File(application, new Actor($"clerk-{branch}", branch)), (result, _) => Task.FromResult(result.Succeeded));
        var district = OrgCode.Parse(branch).Parent!.Value.Value;
        await Retry(() => grain.Decide(new Decision(DecisionKind.Approve, null, null), new Actor($"approver-{district}", district)),
            // A retried approval whose first answer was lost finds the case already approved: that is its answer.
            async (result, _) => result.Succeeded || (await grain.Describe())!.Status == CaseStatus.Approved);
    }

    public async Task PublishNotices()
    {
        foreach (var district in Branches.Select(b => OrgCode.Parse(b).Parent!.Value.Value).Distinct())
        {
            var board = Grains.GetGrain<INoticeBoardGrain>(Relief.Workflows.Notices.Notices.BoardKey(ProgrammeId, district));
            await Retry(() => board.Publish(new Actor($"approver2-{district}", district)), (answer, _) => Task.FromResult(answer.Result.Succeeded));
        }
    }

    public async Task Pay(Guid caseId, int n)
    {
        var branch = Branches[n % Branches.Count];
        await Retry(() => Grains.GetGrain<ICaseGrain>(caseId).Pay(PaymentMethod.BankTransfer, $"BOC-{n}", new Actor($"finance-{branch}", branch)),
            (result, _) => Task.FromResult(result.Succeeded));
    }

    public Task<CaseView?> Case(Guid caseId) => Retry(() => Grains.GetGrain<ICaseGrain>(caseId).Describe(), (_, _) => Task.FromResult(true));

    public Task<AccountView> Account(string unit) =>
        Retry(() => Grains.GetGrain<IAccountGrain>(AccountKeys.For(ProgrammeId, unit)).Describe(), (_, _) => Task.FromResult(true));

    public Task<IReadOnlyList<LedgerEntry>> Ledger(string unit) =>
        Retry(() => Grains.GetGrain<IAccountGrain>(AccountKeys.For(ProgrammeId, unit)).Ledger(), (_, _) => Task.FromResult(true));

    /// <summary>Calls until the answer is accepted; a call that throws (its silo died or is leaving) is tried again.</summary>
    private async Task<T> Retry<T>(Func<Task<T>> call, Func<T, int, Task<bool>> accepted)
    {
        var deadline = DateTime.UtcNow.AddMinutes(3);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                var answer = await call();
                if (await accepted(answer, attempt))
                {
                    return answer;
                }
                throw new InvalidOperationException($"Refused: {answer}");
            }
            catch (Exception ex) when (ex is not InvalidOperationException && DateTime.UtcNow < deadline)
            {
                _failures.Enqueue(ex.GetType().Name);
                await Task.Delay(TimeSpan.FromMilliseconds(200 * Math.Min(attempt, 10)));
            }
        }
    }

    private static void Check(CommandResult result) => Assert.True(result.Succeeded, result.Message);
}
