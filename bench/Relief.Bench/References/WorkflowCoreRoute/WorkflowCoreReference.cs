using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Relief.Bench.Season;
using WorkflowCore.Interface;

namespace Relief.Bench.References.WorkflowCoreRoute;

/// <summary>What the WorkflowCore reference measured.</summary>
public sealed record WorkflowCoreResult(int Cases, double Seconds, IReadOnlyList<StageTime> Stages, bool BooksBalance, string? Problem)
{
    public double CasesPerSecond => Seconds > 0 ? Cases / Seconds : 0;
}

/// <summary>How long one stage of the reference took.</summary>
public sealed record StageTime(string Stage, double Seconds);

/// <summary>
/// The same route (file, three approvals, notice, pay) on WorkflowCore 3.22.0 as a .NET team would set it up: the
/// default <c>AddWorkflow()</c> (in-memory persistence, single-node queue and locks), driven through its own API
/// (start a workflow per case, publish each decision as an event) in the same stages as the Relief season, with no
/// HTTP and no durable store in the way. Timed from the first start to the last payment.
/// </summary>
public sealed class WorkflowCoreReference(int cases, IReadOnlyList<string> branches)
{
    public async Task<WorkflowCoreResult> Run()
    {
        Console.WriteLine($"WorkflowCore 3.22.0 (in-memory): {cases:N0} cases …");
        var books = new RouteBooks();
        var services = new ServiceCollection()
            .AddLogging(logging => logging.SetMinimumLevel(LogLevel.Warning))
            .AddSingleton(books)
            .AddTransient<FileCase>().AddTransient<RecordDecision>().AddTransient<ReserveMoney>()
            .AddTransient<BecomePayable>().AddTransient<PayCase>();
        services.AddWorkflow();
        await using var provider = services.BuildServiceProvider();
        var host = provider.GetRequiredService<IWorkflowHost>();
        host.RegisterWorkflow<AidCaseWorkflow, AidCaseData>();
        await host.StartAsync(CancellationToken.None);
        try
        {
            var keys = Enumerable.Range(0, cases).Select(n => $"case-{n:D8}").ToArray();
            for (var n = 0; n < cases; n++)
            {
                books.Fund(BranchOf(n), SeasonPlan.Standard.Fen);
            }
            var stages = new List<StageTime>();
            var started = Stopwatch.GetTimestamp();
            stages.Add(new StageTime("file", await Stage(() => Start(host, keys), () => books.CountPassed(RouteStage.Filed))));
            stages.Add(new StageTime("approve at district", await Stage(() => Publish(host, RouteEvents.DistrictDecision, keys, "approve"), () => books.CountPassed(RouteStage.District))));
            stages.Add(new StageTime("approve at city", await Stage(() => Publish(host, RouteEvents.CityDecision, keys, "approve"), () => books.CountPassed(RouteStage.City))));
            stages.Add(new StageTime("approve at province", await Stage(() => Publish(host, RouteEvents.ProvinceDecision, keys, "approve"), () => books.CountPassed(RouteStage.Reserved))));
            stages.Add(new StageTime("notice", await Stage(() => Publish(host, RouteEvents.NoticeClosed, keys, "closed"), () => books.CountPassed(RouteStage.Payable))));
            stages.Add(new StageTime("pay", await Stage(() => Publish(host, RouteEvents.Payment, keys, "BankTransfer"), () => books.CountPassed(RouteStage.Paid))));
            var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
            var balanced = books.PaidCases == cases && books.DisbursedFen == SeasonPlan.Standard.Fen * cases && books.ReservedFen == 0;
            Console.WriteLine($"WorkflowCore: {seconds:F1} s, {cases / seconds:F0} cases/s, books {(balanced ? "balance" : "DO NOT balance")}");
            return new WorkflowCoreResult(cases, seconds, stages, balanced, null);
        }
        catch (TimeoutException ex)
        {
            Console.WriteLine($"WorkflowCore: {ex.Message}");
            return new WorkflowCoreResult(cases, 0, [], false, ex.Message);
        }
        finally
        {
            await host.StopAsync(CancellationToken.None);
        }
    }

    private string BranchOf(int n) => branches[n % branches.Count];

    private async Task Start(IWorkflowHost host, string[] keys)
    {
        var filedAt = DateTime.UtcNow.AddSeconds(-1);
        await Parallel.ForEachAsync(Enumerable.Range(0, keys.Length), new ParallelOptions { MaxDegreeOfParallelism = 32 }, async (n, _) =>
            await host.StartWorkflow("aid-case", 1, new AidCaseData
            {
                CaseKey = keys[n],
                Branch = BranchOf(n),
                IdNumber = Applicants.IdNumber(n),
                AmountFen = SeasonPlan.Standard.Fen,
                FiledAt = filedAt,
            }));
    }

    private static Task Publish(IWorkflowHost host, string eventName, string[] keys, string data) =>
        Parallel.ForEachAsync(keys, new ParallelOptions { MaxDegreeOfParallelism = 32 }, async (key, _) =>
            await host.PublishEvent(eventName, key, data));

    /// <summary>Sends a stage's work and waits until every case has passed it; the stage's seconds.</summary>
    private async Task<double> Stage(Func<Task> send, Func<int> passed)
    {
        var started = Stopwatch.GetTimestamp();
        await send();
        var deadline = DateTime.UtcNow.AddMinutes(30);
        while (passed() < cases)
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"only {passed()} of {cases} cases passed a stage in 30 minutes");
            }
            await Task.Delay(5);
        }
        return Stopwatch.GetElapsedTime(started).TotalSeconds;
    }
}
