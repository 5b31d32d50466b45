using System.Text.Json;
using Relief.Api.Cases;
using Relief.Api.Common;
using Relief.Workflows.Cases;
using Relief.Workflows.Funds;

namespace Relief.Api.Tests;

public class RequestMappingTests
{
    [Fact]
    public void A_filing_request_maps_to_an_application_and_names_every_bad_field()
    {
        var errors = new FieldErrors();
        var request = new CaseRequest(new ApplicantRequest(" 张建明 ", "11010519491231002x", null, 900.005m, "archived", ""), -1m, null);

        var application = request.ToApplication(Guid.Empty, "CN-44-03-05-0001", errors);

        Assert.Equal("张建明", application.Applicant.Name);
        Assert.Equal("11010519491231002X", application.Applicant.IdNumber);
        Assert.Equal(["amount", "applicant.householdSize", "applicant.monthlyIncomePerHead", "applicant.reason"], errors.ByField.Keys.Order(StringComparer.Ordinal));
        Assert.Contains("two decimals", errors.ByField["applicant.monthlyIncomePerHead"][0], StringComparison.Ordinal);
        Assert.Contains("more than 0", errors.ByField["amount"][0], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("approve", DecisionKind.Approve)]
    [InlineData("Return", DecisionKind.Return)]
    [InlineData("REJECT", DecisionKind.Reject)]
    public void Decisions_are_read_by_name(string text, DecisionKind kind)
    {
        var errors = new FieldErrors();

        var decision = new DecisionRequest(text, "理由", 3).ToDecision(errors);

        Assert.False(errors.Any);
        Assert.Equal(new Decision(kind, "理由", 3), decision);
    }

    [Theory]
    [InlineData("1")]
    [InlineData("maybe")]
    [InlineData("Return,Reject")]
    [InlineData("approve, reject")]
    [InlineData(null)]
    public void Anything_else_is_not_a_decision(string? text)
    {
        var errors = new FieldErrors();

        Assert.Null(new DecisionRequest(text, null, null).ToDecision(errors));
        Assert.True(errors.ByField.ContainsKey("decision"));
    }

    [Fact]
    public void Money_travels_as_a_yuan_string_with_two_decimals_and_reads_from_strings_or_numbers()
    {
        var options = new JsonSerializerOptions { Converters = { new MoneyJsonConverter() } };

        Assert.Equal("\"1500.50\"", JsonSerializer.Serialize(new Money(150050), options));
        Assert.Equal(new Money(150050), JsonSerializer.Deserialize<Money>("\"1500.5\"", options));
        Assert.Equal(new Money(150050), JsonSerializer.Deserialize<Money>("1500.50", options));
        Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<Money>("1500.505", options));
    }

    [Fact]
    public void Paging_is_checked_and_cut_from_the_list()
    {
        var errors = new Dictionary<string, string[]>();
        var bad = PageRequest.Read(-1, 5000, errors);
        var good = PageRequest.Read(2, 2, []);

        Assert.Equal(["limit", "offset"], errors.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(new PageRequest(0, PageRequest.MaxLimit), bad);
        var page = Page.Of([1, 2, 3, 4, 5], good);
        Assert.Equal([3, 4], page.Items);
        Assert.Equal(5, page.Total);
    }
}
