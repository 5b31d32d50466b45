using System.Text;
using Relief.Workflows.Applicants;
using Relief.Workflows.Common;
using Relief.Workflows.Funds;
using Relief.Workflows.Hierarchy;
using Relief.Workflows.Programmes;

namespace Relief.Workflows.Cases;

/// <summary>The filing rules that depend on the programme: category, eligibility, amount, dates, the ID number.</summary>
public static class CaseApplicationCheck
{
    public const int MaxHouseholdSize = 30;

    /// <summary>The amount the case asks for (the category's standard when none was given) and every problem found.</summary>
    public static (Money Amount, IReadOnlyList<FieldProblem> Problems) Check(
        CaseApplication application, ProgrammeTerms terms, DateOnly today)
    {
        var problems = new List<FieldProblem>();
        var applicant = application.Applicant;
        if (ResidentIdNumber.Problem(applicant.IdNumber, today) is { } idProblem)
        {
            problems.Add(new FieldProblem("applicant.idNumber", idProblem));
        }
        if (OrgUnitName.Problem(applicant.Name) is not null || applicant.Name.Trim().Length > 50)
        {
            problems.Add(new FieldProblem("applicant.name", "the name must have 1 to 50 characters"));
        }
        else if (!applicant.Name.EnumerateRunes().Any(Rune.IsLetter))
        {
            // Marks, digits or punctuation alone (three accents, "???") name nobody.
            problems.Add(new FieldProblem("applicant.name", "a name has at least one letter"));
        }
        if (applicant.HouseholdSize is < 1 or > MaxHouseholdSize)
        {
            problems.Add(new FieldProblem("applicant.householdSize", $"a household has 1 to {MaxHouseholdSize} people"));
        }
        if (applicant.MonthlyIncomePerHead.Fen < 0)
        {
            problems.Add(new FieldProblem("applicant.monthlyIncomePerHead", "income cannot be negative"));
        }
        if (string.IsNullOrWhiteSpace(applicant.Reason) || applicant.Reason.Length > 2000)
        {
            problems.Add(new FieldProblem("applicant.reason", "say why the applicant needs help (1 to 2000 characters)"));
        }
        foreach (var (item, i) in (application.Goods ?? []).Select((item, i) => (item, i)))
        {
            // Nothing is handed over by a quantity of 0, and a negative one would take goods back in the roll-up.
            if (string.IsNullOrWhiteSpace(item.Name) || item.Quantity < 1 || item.UnitValue.Fen < 0)
            {
                problems.Add(new FieldProblem($"goods[{i}]", "goods need a name, a quantity of at least 1 and a value of 0 or more"));
            }
            // A programme that keeps stock hands over only the items it stocks, in their units.
            else if (terms.KeepsStock && terms.Item(item.Name) is null)
            {
                problems.Add(new FieldProblem($"goods[{i}].name", $"'{item.Name}' is not one of the programme's items ({string.Join(", ", terms.Items!.Select(x => x.Name))})"));
            }
            else if (terms.KeepsStock && terms.Item(item.Name)!.Unit != item.Unit)
            {
                problems.Add(new FieldProblem($"goods[{i}].unit", $"'{item.Name}' is counted in {terms.Item(item.Name)!.Unit}"));
            }
        }

        var (amount, termProblems) = CheckTerms(applicant.Category, applicant.MonthlyIncomePerHead, application.BranchCode, application.Amount, terms,
            field => field == "amount" ? "amount" : $"applicant.{field}");
        problems.AddRange(termProblems);
        return (amount, problems);
    }

    /// <summary>
    /// What the programme's terms say of an application: its category exists, the income is within the category's
    /// line at the branch, and the amount (the standard when none is asked) is positive and not above the standard
    /// unless the programme allows it. <paramref name="fieldName"/> names a field (<c>category</c>, <c>monthlyIncomePerHead</c>,
    /// <c>amount</c>) as the caller's request spells it.
    /// </summary>
    public static (Money Amount, IReadOnlyList<FieldProblem> Problems) CheckTerms(
        string categoryCode, Money monthlyIncomePerHead, string branchCode, Money? asked, ProgrammeTerms terms, Func<string, string> fieldName)
    {
        var problems = new List<FieldProblem>();
        var category = terms.Category(categoryCode);
        if (category is null)
        {
            problems.Add(new FieldProblem(fieldName("category"),
                $"the programme has no category '{categoryCode}' (it has: {string.Join(", ", terms.Categories.Select(c => c.Code))})"));
            return (asked ?? Money.Zero, problems);
        }
        var line = terms.MinimumLivingLineFor(OrgCode.Parse(branchCode));
        if (category.Eligibility.Problem(monthlyIncomePerHead, line) is { } notEligible)
        {
            problems.Add(new FieldProblem(fieldName("monthlyIncomePerHead"), notEligible));
        }

        var amount = asked ?? category.Standard;
        if (!amount.IsPositive)
        {
            problems.Add(new FieldProblem(fieldName("amount"), "the amount must be more than 0"));
        }
        else if (amount > category.Standard && !terms.AllowAboveStandard)
        {
            problems.Add(new FieldProblem(fieldName("amount"), $"the amount {amount} is above the category's standard {category.Standard}"));
        }
        return (amount, problems);
    }
}
