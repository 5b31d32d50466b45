using System.Text.Json;
using Relief.Api.Common;
using Relief.Workflows.Funds;
using Relief.Workflows.Notices;

namespace Relief.Api.Tests;

/// <summary>How the API reads and writes its JSON: enums by one defined name, no property twice, money by source.</summary>
public class WireFormatTests
{
    private static readonly JsonSerializerOptions Api = ApiOptions();

    private static JsonSerializerOptions ApiOptions()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web) { AllowDuplicateProperties = false };
        options.Converters.Add(new DefinedEnumNameConverter());
        options.Converters.Add(new MoneyJsonConverter());
        options.Converters.Add(new SourceAmountsJsonConverter());
        return options;
    }

    private sealed record Body(ObjectionChannel? Channel, decimal? Amount, Dictionary<FundingSource, decimal>? Sources);

    [Theory]
    [InlineData("\"Online\"", ObjectionChannel.Online)]
    [InlineData("\"letter\"", ObjectionChannel.Letter)]
    public void An_enum_is_read_from_one_of_its_names_in_any_case(string json, ObjectionChannel expected) =>
        Assert.Equal(expected, JsonSerializer.Deserialize<Body>($$"""{ "channel": {{json}} }""", Api)!.Channel);

    [Theory]
    [InlineData("\"Letter,Online\"")]
    [InlineData("\"Letter, Online\"")]
    [InlineData("\"1\"")]
    [InlineData("1")]
    [InlineData("\"\"")]
    [InlineData("\"Post\"")]
    public void Joined_names_numbers_and_unknown_names_are_refused_naming_the_field_and_the_names(string json)
    {
        var refused = Assert.ThrowsAny<JsonException>(() => JsonSerializer.Deserialize<Body>($$"""{ "channel": {{json}} }""", Api));

        var (field, reason) = RequestBindingProblems.Describe(refused);
        Assert.Equal("channel", field);
        Assert.Equal("one of Hotline, Letter, Online", reason);
    }

    [Fact]
    public void Dictionary_keys_of_an_enum_take_one_name_each()
    {
        Assert.Equal(100m, JsonSerializer.Deserialize<Body>("""{ "sources": { "OwnFunds": 100 } }""", Api)!.Sources![FundingSource.OwnFunds]);
        Assert.ThrowsAny<JsonException>(() => JsonSerializer.Deserialize<Body>("""{ "sources": { "ProvincialSubsidy,LocalGovernment": 1 } }""", Api));
    }

    [Fact]
    public void A_value_nobody_defined_is_written_as_its_number_so_no_stored_record_breaks_a_read()
    {
        var json = JsonSerializer.Serialize(new Body((ObjectionChannel)6, null, null), Api);

        Assert.Contains("\"channel\":6", json, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{ "amount": "1500.00", "amount": "1.00" }""", "amount")]
    [InlineData("""{ "sources": { "OwnFunds": 1, "OwnFunds": 2 } }""", "sources.OwnFunds")]
    public void A_property_given_twice_is_refused_naming_it(string json, string field)
    {
        var refused = Assert.ThrowsAny<JsonException>(() => JsonSerializer.Deserialize<Body>(json, Api));

        Assert.Equal((field, "the property is given more than once; give it once"), RequestBindingProblems.Describe(refused));
    }

    [Fact]
    public void Money_by_source_carries_the_five_sources_and_their_total_and_nothing_else()
    {
        var amounts = SourceAmounts.Of(FundingSource.NationalAllocation, new Money(150_000)).With(FundingSource.SocialDonation, new Money(1));

        using var json = JsonDocument.Parse(JsonSerializer.Serialize(amounts, Api));

        Assert.Equal(["nationalAllocation", "provincialSubsidy", "localGovernment", "ownFunds", "socialDonation", "total"],
            json.RootElement.EnumerateObject().Select(p => p.Name));
        Assert.Equal("1500.01", json.RootElement.GetProperty("total").GetString());
        Assert.Equal(amounts, JsonSerializer.Deserialize<SourceAmounts>(json.RootElement.GetRawText(), Api));
    }
}
