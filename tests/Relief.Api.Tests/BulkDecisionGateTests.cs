using Relief.Api.Cases;
using Relief.Workflows.Common;

namespace Relief.Api.Tests;

/// <summary>How many cases of a bulk decision run at once: up to the bound, and one at a time where places could run short.</summary>
public sealed class BulkDecisionGateTests
{
    private static readonly Guid Programme = Guid.NewGuid();

    private static int StartAll(BulkDecisionGate gate)
    {
        var started = 0;
        while (gate.MayStart(Programme))
        {
            gate.Started();
            started++;
        }
        return started;
    }

    [Fact]
    public void Approvals_with_places_to_spare_run_up_to_the_bound()
    {
        var gate = new BulkDecisionGate(8, approving: true, new Dictionary<Guid, int> { [Programme] = 1_000 });

        Assert.Equal(8, StartAll(gate));
        gate.Finished(Programme, CommandResult.Done);
        Assert.Equal(1, StartAll(gate));
    }

    [Fact]
    public void Approvals_run_together_only_while_each_in_flight_is_sure_of_a_place()
    {
        var gate = new BulkDecisionGate(8, approving: true, new Dictionary<Guid, int> { [Programme] = 3 });

        Assert.Equal(3, StartAll(gate));
        gate.Finished(Programme, CommandResult.Done); // 2 places left, 2 in flight
        Assert.Equal(0, StartAll(gate));
        gate.Finished(Programme, CommandResult.Done);
        gate.Finished(Programme, CommandResult.Done); // none left: the next case alone, for its own answer
        Assert.Equal(1, StartAll(gate));
        gate.Finished(Programme, CommandResult.Conflict("used up"));
        Assert.Equal(1, StartAll(gate));
    }

    [Fact]
    public void A_case_that_fails_leaves_its_place_to_the_next()
    {
        var gate = new BulkDecisionGate(8, approving: true, new Dictionary<Guid, int> { [Programme] = 2 });

        Assert.Equal(2, StartAll(gate));
        gate.Finished(Programme, CommandResult.NotFound("gone"));
        Assert.Equal(1, StartAll(gate));
    }

    [Fact]
    public void After_a_refused_approval_the_rest_go_one_at_a_time()
    {
        var gate = new BulkDecisionGate(8, approving: true, new Dictionary<Guid, int> { [Programme] = 1_000 });

        Assert.Equal(8, StartAll(gate));
        gate.Finished(Programme, CommandResult.Conflict("the branch lacks the money"));
        Assert.Equal(0, StartAll(gate));
        for (var i = 0; i < 7; i++)
        {
            gate.Finished(Programme, CommandResult.Done);
        }
        Assert.Equal(1, StartAll(gate));
    }

    [Fact]
    public void Returns_and_rejections_take_no_place_and_run_up_to_the_bound()
    {
        var gate = new BulkDecisionGate(8, approving: false, new Dictionary<Guid, int>());

        Assert.Equal(8, StartAll(gate));
        gate.Finished(Programme, CommandResult.Conflict("changed since read"));
        Assert.Equal(1, StartAll(gate));
    }
}
