using Relief.Workflows.Funds;
using Relief.Workflows.Queues;

namespace Relief.Workflows.Tests.Queues;

/// <summary>What a case's write changes in its records (ADR 18): only what moved since they were last written.</summary>
public sealed class CaseRecordChangesTests
{
    private static readonly DateTimeOffset Since = new(2027, 1, 11, 9, 0, 0, TimeSpan.FromHours(8));
    private static readonly Guid Case = Guid.NewGuid();

    private static QueueEntry Line(Guid task, int version, params string[] roles) => new(Case, Guid.Empty, "CN-44-03-05", WaitingFor.Decision,
        "CN-44-03-05-0001", "archived", Money.FromYuan(1500), "王*", Since, version, null, null, task, "district", "区县审批", [.. roles]);

    [Fact]
    public void A_decision_that_moves_the_case_up_removes_the_old_line_and_puts_the_new_one_as_a_new_task()
    {
        var branch = Guid.NewGuid();
        var district = Guid.NewGuid();
        var written = new Dictionary<Guid, QueueEntry> { [branch] = Line(branch, 2, "approver") };

        var changes = CaseRecordChanges.Between(written, null, [Line(district, 3, "approver")], null);

        Assert.Equal([branch], changes.Removed);
        Assert.Equal([district], changes.Put.Select(l => l.TaskId));
        Assert.Equal([district], changes.NewTasks);
        Assert.False(changes.WakeChanged);
        Assert.False(changes.None);
    }

    [Fact]
    public void An_open_task_whose_line_is_unchanged_is_not_written_again_though_its_roles_are_another_list()
    {
        var task = Guid.NewGuid();
        var written = new Dictionary<Guid, QueueEntry> { [task] = Line(task, 4, "committee") };

        var changes = CaseRecordChanges.Between(written, Since, [Line(task, 4, "committee")], Since);

        Assert.True(changes.None);
    }

    [Fact]
    public void A_vote_that_moves_the_case_version_puts_the_line_again_without_recording_its_task_twice()
    {
        var task = Guid.NewGuid();
        var written = new Dictionary<Guid, QueueEntry> { [task] = Line(task, 4, "committee") };

        var changes = CaseRecordChanges.Between(written, null, [Line(task, 5, "committee")], null);

        Assert.Equal(5, Assert.Single(changes.Put).CaseVersion);
        Assert.Empty(changes.NewTasks);
        Assert.Empty(changes.Removed);
    }

    [Fact]
    public void A_wake_up_that_moves_is_a_change_even_with_no_line()
    {
        var changes = CaseRecordChanges.Between(new Dictionary<Guid, QueueEntry>(), Since, [], Since.AddDays(5));

        Assert.True(changes.WakeChanged);
        Assert.False(changes.None);
        Assert.True(CaseRecordChanges.Between(new Dictionary<Guid, QueueEntry>(), null, [], null).None);
    }
}
