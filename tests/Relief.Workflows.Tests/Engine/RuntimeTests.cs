using CsCheck;
using Relief.Workflows.Common;
using Relief.Workflows.Definitions.Examples;
using Relief.Workflows.Engine.Activities;
using Relief.Workflows.Engine.Definitions;
using Relief.Workflows.Engine.Expressions;
using Relief.Workflows.Engine.Runtime;
using Relief.Workflows.Funds;
using Relief.Workflows.Notices;

namespace Relief.Workflows.Tests.Engine;

/// <summary>The engine's rules without a silo: the shipped definitions run event by event.</summary>
public class RuntimeTests
{
    private static readonly string[] Categories = ["archived", "low-income", "migrant"];
    private static readonly Actor Clerk = new("clerk.nanshan-0001", "CN-44-03-05-0001");
    private static readonly Actor Clock = new("clock", "system");

    // Monday 4 January 2027, 10:00 Beijing time.
    private static readonly DateTimeOffset Monday = new(2027, 1, 4, 10, 0, 0, TimeSpan.FromHours(8));

    // Read once each: the runtime is immutable and the property test builds hundreds of cases.
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, WorkflowRuntime> Runtimes = new();

    private static WorkflowRuntime Runtime(string name) => Runtimes.GetOrAdd(name, n =>
        new(ActivityRegistry.Default, new EngineDefinitionReader(ActivityRegistry.Default).Read(ShippedDefinitions.Text(n)!, Categories).Definition!));

    private sealed class Case(string definition, long amountFen = 150_000, string category = "archived")
    {
        private int _ids;

        public WorkflowRuntime Runtime { get; } = RuntimeTests.Runtime(definition);

        public InstanceState State { get; private set; } = InstanceState.New(1);

        public List<JournalStep> Journal { get; } = [];

        public List<Effect> Effects { get; } = [];

        public DateTimeOffset Now { get; set; } = Monday;

        public Transition Send(RuntimeEvent @event)
        {
            var transition = Runtime.Handle(State, @event, new RuntimeContext(Now, HolidayCalendar.Shipped, () => new Guid(++_ids, 0, 0, new byte[8])));
            State = transition.State;
            Journal.AddRange(transition.Journal);
            Effects.AddRange(transition.Effects);
            return transition;
        }

        public Transition Start() => Send(new Started(Clerk, new Dictionary<string, ExpressionValue>
        {
            ["amount"] = ExpressionValue.Of(new Money(amountFen)),
            ["category"] = ExpressionValue.Of(category),
        }));

        public Bookmark At(string node) => Assert.Single(State.Bookmarks, b => b.Node == node);

        public Transition Complete(string node, string outcome = "done", Dictionary<string, ExpressionValue>? answers = null) =>
            Send(new Completed(Clerk, At(node).Id, outcome, answers));

        public Transition Vote(string member, string decision) =>
            Send(new VoteCast(new Actor(member, "CN-44-03-05-0001"), At("vote").Id, decision));

        public string[] Waiting => [.. State.Bookmarks.Select(b => b.Node).Order(StringComparer.Ordinal)];
    }

    private static Dictionary<string, ExpressionValue> Confirmed(bool confirmed = true) => new() { ["visit.confirmed"] = ExpressionValue.Of(confirmed) };

    [Fact]
    public void A_hardship_grant_goes_from_the_visit_through_the_committee_the_district_the_notice_and_the_payment_to_the_hand_over()
    {
        var grant = new Case("hardship-grant");

        Assert.True(grant.Start().Result.Succeeded);
        Assert.Equal(["visit"], grant.Waiting);
        grant.Complete("visit", answers: Confirmed());
        Assert.Equal(["vote"], grant.Waiting);
        foreach (var member in new[] { "m1", "m2", "m3" })
        {
            grant.Vote(member, "approve");
        }
        Assert.Equal(["district"], grant.Waiting);
        grant.Complete("district", "approve");

        Assert.Equal(["notice"], grant.Waiting);
        // The committee's and the district's approvals each take their unit's quota place, then the money is set aside and noticed.
        Assert.Equal([("take-place", "vote"), ("take-place", "district"), ("reserve", "reserve"), ("notice", "notice")],
            grant.Effects.Select(e => (e.Kind, e.Node)));
        grant.Send(new Signalled(Clock, "notice", "closed"));
        grant.Complete("pay");
        Assert.Equal(("disburse", "pay"), (grant.Effects[^1].Kind, grant.Effects[^1].Node));
        grant.Complete("handover");

        Assert.Equal("paid", grant.State.EndedAs);
        Assert.Empty(grant.State.Tokens);
        Assert.Empty(grant.State.Bookmarks);
        Assert.Equal(["visit", "checked", "vote", "district", "reserve", "notice", "pay", "handover"],
            grant.Journal.Where(j => j.Outcome is not null).Select(j => j.Node));
    }

    [Fact]
    public void A_committee_of_five_needing_three_stays_open_at_two_each_way_and_the_third_approval_decides_it()
    {
        var grant = new Case("hardship-grant");
        grant.Start();
        grant.Complete("visit", answers: Confirmed());

        grant.Vote("m1", "approve");
        grant.Vote("m2", "reject");
        grant.Vote("m3", "approve");
        grant.Vote("m4", "reject");
        Assert.Equal(["vote"], grant.Waiting);
        var twice = grant.Vote("m1", "approve");
        var third = grant.Vote("m5", "approve");

        Assert.Equal(CommandOutcome.Conflict, twice.Result.Outcome);
        Assert.True(third.Result.Succeeded);
        Assert.Equal(["district"], grant.Waiting);
        Assert.Contains(grant.Journal, j => j.Node == "vote" && j.Outcome == "approve" && j.Detail!.Contains("3 of 3 approvals needed, 5 of 5 voted", StringComparison.Ordinal));
    }

    [Fact]
    public void A_committee_rejects_the_moment_three_approvals_can_no_longer_be_reached()
    {
        var grant = new Case("hardship-grant");
        grant.Start();
        grant.Complete("visit", answers: Confirmed());

        grant.Vote("m1", "reject");
        grant.Vote("m2", "reject");
        Assert.Equal(["vote"], grant.Waiting);
        grant.Vote("m3", "reject");

        Assert.Equal("rejected", grant.State.EndedAs);
    }

    [Fact]
    public void A_single_approval_of_a_committee_step_is_refused_so_votes_are_counted()
    {
        var grant = new Case("hardship-grant");
        grant.Start();
        grant.Complete("visit", answers: Confirmed());

        Assert.Equal(CommandOutcome.Invalid, grant.Complete("vote", "approve").Result.Outcome);
        Assert.Equal(["vote"], grant.Waiting);
    }

    [Theory]
    [InlineData(500_000, false)]
    [InlineData(500_001, true)]
    public void Above_5000_yuan_the_city_s_two_offices_countersign_in_parallel(long fen, bool countersigned)
    {
        var grant = new Case("large-grant-countersign", fen);
        grant.Start();

        grant.Complete("district", "approve");

        Assert.Equal(countersigned ? ["financeOffice", "hardshipOffice"] : ["notice"], grant.Waiting);
    }

    [Fact]
    public void A_countersign_completes_only_when_both_offices_have_signed()
    {
        var grant = new Case("large-grant-countersign", 600_000);
        grant.Start();
        grant.Complete("district", "approve");

        grant.Complete("financeOffice", "approve");
        Assert.Equal(["hardshipOffice"], grant.Waiting);
        Assert.DoesNotContain(grant.Effects, e => e.Kind == "reserve");
        grant.Complete("hardshipOffice", "approve");

        Assert.Equal(["notice"], grant.Waiting);
        Assert.Single(grant.Effects, e => e.Kind == "reserve");
        Assert.Contains(grant.Journal, j => j.Node == "signed" && j.Outcome == "done" && j.Detail == "2 of 2 branches arrived");
    }

    [Fact]
    public void A_rejection_on_one_branch_closes_the_other_office_s_open_task_and_the_journal_says_why()
    {
        var grant = new Case("large-grant-countersign", 600_000);
        grant.Start();
        grant.Complete("district", "approve");

        grant.Complete("hardshipOffice", "reject");

        Assert.Equal("rejected", grant.State.EndedAs);
        Assert.Empty(grant.State.Bookmarks);
        var closed = Assert.Single(grant.Journal, j => j.Kind == "closed");
        Assert.Equal("financeOffice", closed.Node);
        Assert.Equal("the case ended at rejected (rejected)", closed.Detail);
    }

    [Fact]
    public void A_visit_due_in_five_working_days_times_out_once_and_goes_to_the_district_to_urge_it()
    {
        var grant = new Case("hardship-grant");
        grant.Start();
        var due = grant.At("visit").DueAt!.Value;

        grant.Now = due.AddMinutes(-1);
        grant.Send(new ClockTicked(Clock, grant.Now));
        Assert.Equal(["visit"], grant.Waiting);
        grant.Now = due.AddDays(3);
        grant.Send(new ClockTicked(Clock, grant.Now));
        grant.Send(new ClockTicked(Clock, grant.Now.AddDays(1)));

        // Arrived Monday 4 Jan 2027: five working days after it end Monday 11 Jan; due at midnight after.
        Assert.Equal(new DateTimeOffset(2027, 1, 12, 0, 0, 0, TimeSpan.FromHours(8)), due);
        Assert.Equal(["urge"], grant.Waiting);
        Assert.Single(grant.Journal, j => j.Node == "visit" && j.Outcome == "timeout");
    }

    [Fact]
    public void A_visit_found_untrue_rejects_the_case()
    {
        var grant = new Case("hardship-grant");
        grant.Start();

        grant.Complete("visit", answers: Confirmed(false));

        Assert.Equal("rejected", grant.State.EndedAs);
    }

    [Fact]
    public void Refusals_change_nothing()
    {
        var grant = new Case("hardship-grant");
        grant.Start();
        var before = grant.State;

        var unknown = grant.Send(new Completed(Clerk, Guid.NewGuid(), "done"));
        var wrongOutcome = grant.Complete("visit", "approve");
        var timeoutByHand = grant.Complete("visit", "timeout");
        var again = grant.Start();

        Assert.Equal(CommandOutcome.NotFound, unknown.Result.Outcome);
        Assert.Equal(CommandOutcome.Invalid, wrongOutcome.Result.Outcome);
        Assert.Equal(CommandOutcome.Invalid, timeoutByHand.Result.Outcome);
        Assert.Equal(CommandOutcome.Conflict, again.Result.Outcome);
        Assert.Same(before, grant.State);
    }

    [Fact]
    public void A_decide_node_that_cannot_be_worked_out_refuses_the_step_instead_of_guessing()
    {
        var grant = new Case("hardship-grant");
        grant.Start();

        var result = grant.Complete("visit"); // no answer for visit.confirmed

        Assert.Equal(CommandOutcome.Conflict, result.Result.Outcome);
        Assert.Contains("no value for 'visit.confirmed'", result.Result.Message, StringComparison.Ordinal);
        Assert.Equal(["visit"], grant.Waiting);
    }

    private static readonly string[] Decisions = ["approve", "return", "reject"];

    [Fact]
    public void Whatever_happens_every_token_waits_at_one_bookmark_until_the_case_ends()
    {
        var definitions = ShippedDefinitions.Names.ToArray();
        Gen.Select(Gen.Int[0, definitions.Length - 1], Gen.Long[100, 900_000], Gen.Int[0, 1000].Array[1, 60]).Sample((which, fen, choices) =>
        {
            var run = new Case(definitions[which], fen);
            run.Start();
            foreach (var choice in choices)
            {
                if (run.State.Ended)
                {
                    break;
                }
                var bookmark = run.State.Bookmarks[choice % run.State.Bookmarks.Count];
                var node = run.Runtime.Definition.Node(bookmark.Node);
                var outcomes = ActivityRegistry.Default.Find(node.Kind)!.Outcomes(node).Where(o => o != "timeout").ToList();
                _ = (choice % 7, node.Kind) switch
                {
                    (0, _) => run.Send(new ClockTicked(Clock, run.Now = run.Now.AddDays(choice % 11))),
                    (_, "notice") => run.Send(new Signalled(Clock, "notice", choice % 5 == 0 ? "upheld" : "closed")),
                    (_, "followUps") => run.Send(new Completed(Clerk, bookmark.Id, FollowUpsActivity.Answered)),
                    (_, "approve") when node.Settings["quorum"] is not null => run.Send(new VoteCast(new Actor($"m{choice % 6}", "x"), bookmark.Id, Decisions[choice % 3])),
                    _ => run.Send(new Completed(Clerk, bookmark.Id, outcomes[choice % outcomes.Count], Confirmed(choice % 4 != 0))),
                };
                Assert.Equal(run.State.Tokens.Select(t => t.Id).Order(), run.State.Bookmarks.Select(b => b.Token).Order());
                Assert.All(run.State.Bookmarks, b => Assert.True(ActivityRegistry.Default.Find(b.Kind)!.Waits, b.Node));
                Assert.All(run.State.Tokens, t => Assert.Equal(t.Node, Assert.Single(run.State.Bookmarks, b => b.Token == t.Id).Node));
            }
            if (run.State.Ended)
            {
                Assert.Empty(run.State.Tokens);
                Assert.Empty(run.State.Bookmarks);
            }
        }, iter: 500);
    }
}
