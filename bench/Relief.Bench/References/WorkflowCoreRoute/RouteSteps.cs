using WorkflowCore.Interface;
using WorkflowCore.Models;

namespace Relief.Bench.References.WorkflowCoreRoute;

/// <summary>Filing: the duplicate guard, then the case waits for its district.</summary>
public sealed class FileCase(RouteBooks books) : StepBody
{
    public override ExecutionResult Run(IStepExecutionContext context)
    {
        var data = (AidCaseData)context.Workflow.Data;
        if (!books.Claim(data.IdNumber, data.CaseKey))
        {
            data.Status = "Rejected";
            return ExecutionResult.Next();
        }
        data.Status = "Waiting";
        data.Journal.Add("file");
        books.Passed(RouteStage.Filed);
        return ExecutionResult.Next();
    }
}

/// <summary>A human step's outcome: the decision that came with the event is journalled.</summary>
public sealed class RecordDecision(RouteBooks books) : StepBody
{
    public string Level { get; set; } = "";

    public override ExecutionResult Run(IStepExecutionContext context)
    {
        var data = (AidCaseData)context.Workflow.Data;
        if (data.LastEvent as string != "approve")
        {
            throw new InvalidOperationException($"case {data.CaseKey}: unexpected decision {data.LastEvent}");
        }
        data.Journal.Add($"approve {Level}");
        books.Passed(Level);
        return ExecutionResult.Next();
    }
}

/// <summary>Approved at the last level: the amount is set aside at the branch and the case waits for its notice.</summary>
public sealed class ReserveMoney(RouteBooks books) : StepBody
{
    public override ExecutionResult Run(IStepExecutionContext context)
    {
        var data = (AidCaseData)context.Workflow.Data;
        if (!books.Reserve(data.Branch, data.AmountFen))
        {
            throw new InvalidOperationException($"case {data.CaseKey}: branch {data.Branch} has no money left");
        }
        data.Status = "Approved";
        books.Passed(RouteStage.Reserved);
        return ExecutionResult.Next();
    }
}

/// <summary>The notice window closed without an objection upheld: the case is payable.</summary>
public sealed class BecomePayable(RouteBooks books) : StepBody
{
    public override ExecutionResult Run(IStepExecutionContext context)
    {
        var data = (AidCaseData)context.Workflow.Data;
        data.Status = "Payable";
        data.Journal.Add("notice closed");
        books.Passed(RouteStage.Payable);
        return ExecutionResult.Next();
    }
}

/// <summary>Payment: the reserved amount is disbursed once.</summary>
public sealed class PayCase(RouteBooks books) : StepBody
{
    public override ExecutionResult Run(IStepExecutionContext context)
    {
        var data = (AidCaseData)context.Workflow.Data;
        if (books.Disburse(data.CaseKey, data.Branch, data.AmountFen))
        {
            data.Status = "Paid";
            data.Journal.Add("pay");
            books.Passed(RouteStage.Paid);
        }
        return ExecutionResult.Next();
    }
}

/// <summary>The stages the driver waits on.</summary>
public static class RouteStage
{
    public const string Filed = "filed";
    public const string District = "District";
    public const string City = "City";
    public const string Province = "Provincial";
    public const string Reserved = "reserved";
    public const string Payable = "payable";
    public const string Paid = "paid";
}
