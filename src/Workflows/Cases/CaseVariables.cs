using Relief.Workflows.Engine.Expressions;
using Relief.Workflows.Funds;

namespace Relief.Workflows.Cases;

/// <summary>
/// What a workflow's conditions may read of an application (<see cref="Engine.Definitions.EngineDefinitionReader.ApplicationFields"/>).
/// A filed case and a simulated one start from the same variables, so a condition decides the same for both.
/// </summary>
public static class CaseVariables
{
    public static Dictionary<string, ExpressionValue> Of(CaseApplication application, Money amount) => Of(
        application.Applicant.Category, application.Applicant.HouseholdSize, application.Applicant.MonthlyIncomePerHead, application.BranchCode, amount);

    public static Dictionary<string, ExpressionValue> Of(string category, int householdSize, Money monthlyIncomePerHead, string branchCode, Money amount) => new()
    {
        ["amount"] = ExpressionValue.Of(amount),
        ["category"] = ExpressionValue.Of(category),
        ["householdSize"] = ExpressionValue.Of(householdSize),
        ["monthlyIncomePerHead"] = ExpressionValue.Of(monthlyIncomePerHead),
        ["branch"] = ExpressionValue.Of(branchCode),
    };
}
