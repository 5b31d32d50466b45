using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Relief.Api.Acting;
using Relief.Integration.Tests.Access;
using Relief.Integration.Tests.Api;
using Relief.Integration.Tests.Infrastructure;
using Relief.Workflows.Programmes;
using static Relief.Integration.Tests.Api.CaseScenario;

namespace Relief.Integration.Tests.Faults;

/// <summary>
/// Generates the bad requests: for every route, bodies that are not JSON or not the right JSON, every field of
/// its body given each wrong value of its kind (<see cref="BadValues"/>), ids nobody knows, query values out of
/// range, bodies too large, and a replayed idempotency key with another body. Each request comes from a caller
/// the route lets through, so it is the input, not the access check, that must refuse it. Every base body is
/// valid as it stands: a wrong value that slipped through would be accepted, and the test would see it.
/// </summary>
public sealed class BadInputCorpus(AccessWorld world, BadInputWorld extra)
{
    private const string Branch = NanshanBranch;
    private readonly List<BadRequest> _requests = [];

    public IReadOnlyList<BadRequest> Generate()
    {
        Programmes();
        Calendars();
        Cases();
        Funds();
        Notices();
        SpotChecks();
        Reads();
        SignIn();
        return _requests;
    }

    private string P => $"/api/programmes/{world.ProgrammeId}";

    private static string Token(string user, string unit, ReliefRole role) => TestTokens.For(user, unit, role);

    private static string Admin => Token("admin", "CN", ReliefRole.Admin);

    private void Programmes()
    {
        var terms = JsonSerializer.SerializeToNode(ProgrammeSamples.Terms("2028年两节送温暖"))!.AsObject();
        BodyField[] fields =
        [
            ("name", FieldKind.Name, 100), ("opens", FieldKind.Date, 0), ("lastFilingDay", FieldKind.Date, 0), ("lastPaymentDay", FieldKind.Date, 0),
            ("allowAboveStandard", FieldKind.Flag, 0), ("categories[0].code", FieldKind.Name, 50), ("categories[0].name", FieldKind.Name, 100),
            ("categories[0].standard", FieldKind.Amount, 0), ("categories[0].goods[0].name", FieldKind.Name, 50),
            ("categories[0].goods[0].unitValue", FieldKind.AmountOrZero, 0), ("minimumLivingLines.CN-44", FieldKind.Amount, 0),
            ("categories[0].goods[0].quantity", FieldKind.Count, 0), BodyField.Enum<IncomeLimit>("categories[1].eligibility.incomeLimit"),
        ];
        JsonBody("create programme", HttpMethod.Post, "/api/programmes", Admin, terms, fields);
        JsonBody("revise programme", HttpMethod.Put, $"/api/programmes/{extra.DraftProgrammeId}", Admin, terms, fields);
        Add("revise programme", "unknown programme", HttpMethod.Put, $"/api/programmes/{Guid.NewGuid()}", Admin, terms.ToJsonString());
        Add("revise programme", "published programme", HttpMethod.Put, P, Admin, terms.ToJsonString());

        var route = $"/api/programmes/{extra.DraftProgrammeId}/workflow";
        foreach (var (what, json) in new[]
        {
            ("empty route", """{ "route": [] }"""),
            ("unknown level", """{ "route": ["Village"] }"""),
            ("levels out of order", """{ "route": ["City", "Branch"] }"""),
            ("route not a list", """{ "route": "Branch" }"""),
            ("notice days negative", """{ "route": ["Branch"], "notice": { "level": "Branch", "days": -1 } }"""),
            ("notice days huge", """{ "route": ["Branch"], "notice": { "level": "Branch", "days": 100000 } }"""),
            ("notice days text", """{ "route": ["Branch"], "notice": { "level": "Branch", "days": "five" } }"""),
            ("notice level unknown", """{ "route": ["Branch"], "notice": { "level": "Village", "days": 5 } }"""),
            ("publish time 25:00", """{ "route": ["Branch"], "notice": { "level": "Branch", "days": 5, "publishAt": "25:00" } }"""),
            ("unknown rule category", """{ "route": ["Branch"], "rules": [ { "name": "x", "when": { "category": "nobody" }, "add": ["District"] } ] }"""),
            ("rule amount NaN", """{ "route": ["Branch"], "rules": [ { "name": "x", "when": { "amountAbove": "NaN" }, "add": ["District"] } ] }"""),
            ("deadline days zero", """{ "route": ["Branch"], "deadlines": [ { "level": "Branch", "workingDays": 0 } ] }"""),
            ("unknown property", """{ "route": ["Branch"], "colour": "red" }"""),
            ("levels joined", """{ "route": ["District,City"] }"""),
            ("notice level joined", """{ "route": ["Branch"], "notice": { "level": "Branch,District", "days": 5 } }"""),
            ("counting joined", """{ "route": ["Branch"], "notice": { "level": "Branch", "days": 5, "counting": "WorkingDays,CalendarDays" } }"""),
            ("route given twice", """{ "route": ["Branch"], "route": ["District"] }"""),
            ("notice days given twice", """{ "route": ["Branch"], "notice": { "level": "Branch", "days": 5, "days": 1 } }"""),
            ("array", "[]"),
            ("comment only", "// nothing"),
        })
        {
            Add("save route", what, HttpMethod.Put, route, Admin, json);
        }
        Malformed("save route", HttpMethod.Put, route, Admin);
        Add("publish programme", "unknown programme", HttpMethod.Post, $"/api/programmes/{Guid.NewGuid()}/publish", Admin, null);
        Add("publish programme", "published again", HttpMethod.Post, $"{P}/publish", Admin, null);
    }

    private void Calendars()
    {
        // Valid as it stands: were a wrong value let through, the year would be replaced and the stored state change.
        var year = new JsonObject
        {
            ["provisional"] = false, ["note"] = "国务院办公厅通知", ["holidays"] = new JsonArray("2027-01-01", "2027-02-05"),
            ["workingWeekendDays"] = new JsonArray("2027-02-20"), ["expectedVersion"] = 0,
        };
        BodyField[] fields =
        [
            ("provisional", FieldKind.Flag, 0), ("note", FieldKind.OptionalFreeText, 500), ("holidays[0]", FieldKind.Date, 0), ("workingWeekendDays[0]", FieldKind.Date, 0),
        ];
        foreach (var (route, method, path) in new[] { ("calendar preview", HttpMethod.Post, "/api/calendars/2027/preview"), ("replace calendar", HttpMethod.Put, "/api/calendars/2027") })
        {
            JsonBody(route, method, path, Admin, year, fields);
            foreach (var (what, json) in new[]
            {
                ("a holiday of another year", With(year, "holidays[1]", "\"2028-01-01\"")),
                ("a weekday as a make-up working day", With(year, "workingWeekendDays[0]", "\"2027-01-04\"")),
                ("a day listed twice", With(year, "holidays[1]", "\"2027-01-01\"")),
                ("a holiday also worked", With(year, "workingWeekendDays[0]", "\"2027-02-06\"").Replace("\"2027-02-05\"", "\"2027-02-06\"", StringComparison.Ordinal)),
                ("no holidays", With(year, "holidays", "[]")),
                ("holidays not a list", With(year, "holidays", "\"2027-01-01\"")),
                ("expected version text", With(year, "expectedVersion", "\"latest\"")),
            })
            {
                Add(route, what, method, path, Admin, json);
            }
            Add(route, "year 1800", method, path.Replace("2027", "1800", StringComparison.Ordinal), Admin, year.ToJsonString());
            Add(route, "not a year", method, path.Replace("2027", "next", StringComparison.Ordinal), Admin, year.ToJsonString());
        }
        Add("replace calendar", "expected version negative", HttpMethod.Put, "/api/calendars/2027", Admin, With(year, "expectedVersion", "-1"));
        Add("replace calendar", "without the expected version", HttpMethod.Put, "/api/calendars/2027", Admin, With(year, "expectedVersion", "null"));
        Add("replace calendar", "a stale expected version", HttpMethod.Put, "/api/calendars/2027", Admin, With(year, "expectedVersion", "7"));
        Add("replace calendar", "by the national auditor", HttpMethod.Put, "/api/calendars/2027", Token("auditor.cn", "CN", ReliefRole.Auditor), year.ToJsonString());
    }

    private void Cases()
    {
        var clerk = Token($"clerk-{Branch}", Branch, ReliefRole.Clerk);
        var filing = JsonSerializer.SerializeToNode(Applicant(NewIdNumber(), amount: "1500.00"))!.AsObject();
        filing["goods"] = new JsonArray(new JsonObject { ["name"] = "大米", ["quantity"] = 1, ["unit"] = "袋", ["unitValue"] = "50.00" });
        BodyField[] applicant =
        [
            ("applicant.name", FieldKind.Name, 50), ("applicant.idNumber", FieldKind.ResidentIdNumber, 18), ("applicant.householdSize", FieldKind.Count, 0),
            ("applicant.monthlyIncomePerHead", FieldKind.AmountOrZero, 0), ("applicant.category", FieldKind.Name, 50),
            ("applicant.reason", FieldKind.FreeText, 2000), ("amount", FieldKind.Amount, 0),
            ("goods[0].name", FieldKind.Name, 50), ("goods[0].quantity", FieldKind.Count, 0), ("goods[0].unit", FieldKind.OptionalName, 10),
            ("goods[0].unitValue", FieldKind.AmountOrZero, 0),
        ];
        JsonBody("file a case", HttpMethod.Post, $"{P}/cases", clerk, filing, applicant);
        Add("file a case", "unknown programme", HttpMethod.Post, $"/api/programmes/{Guid.NewGuid()}/cases", clerk, filing.ToJsonString());
        Add("file a case", "draft programme", HttpMethod.Post, $"/api/programmes/{extra.DraftProgrammeId}/cases", clerk, filing.ToJsonString());
        Add("file a case", "above the category's standard", HttpMethod.Post, $"{P}/cases", clerk, With(filing, "amount", "\"1500.01\""));
        Add("file a case", "unknown category", HttpMethod.Post, $"{P}/cases", clerk, With(filing, "applicant.category", "\"nobody\""));
        Add("file a case", "the same person again", HttpMethod.Post, $"{P}/cases", clerk, extra.FiledBody.ToJsonString());
        Add("file a case", "idempotency key replayed with another body", HttpMethod.Post, $"{P}/cases", clerk, filing.ToJsonString(),
            new Dictionary<string, string> { ["Idempotency-Key"] = extra.FiledKey });
        Add("file a case", "overlong idempotency key", HttpMethod.Post, $"{P}/cases", clerk, filing.ToJsonString(),
            new Dictionary<string, string> { ["Idempotency-Key"] = new string('k', 101) });

        // The batch route reads CSV: whole-file problems refuse the file.
        var header = "name,idNumber,householdSize,monthlyIncomePerHead,category,reason\n";
        foreach (var (what, csv) in new[]
        {
            ("empty file", ""),
            ("blank lines only", "\n\n\n"),
            ("header only", header),
            ("header lacks columns", "name,idNumber\n张建明,440305196001010011\n"),
            ("not UTF-8", "\u00ff"),
        })
        {
            var bytes = what == "not UTF-8" ? [0xC3, 0x28, 0xA0, 0xA1] : Encoding.UTF8.GetBytes(csv);
            _requests.Add(new BadRequest("file a csv", what, HttpMethod.Post, $"{P}/cases/batch", clerk, bytes, "text/csv"));
        }
        _requests.Add(new BadRequest("file a csv", "more than 16 MiB", HttpMethod.Post, $"{P}/cases/batch", clerk,
            Encoding.UTF8.GetBytes(header + string.Concat(Enumerable.Repeat("张建明,440305196001010011,3,800,archived,家庭困难\n", 340_000))), "text/csv"));
        _requests.Add(new BadRequest("file a csv", "21,000 rows", HttpMethod.Post, $"{P}/cases/batch", clerk,
            Encoding.UTF8.GetBytes(header + string.Concat(Enumerable.Repeat("张建明,440305196001010011,3,800,archived,家庭困难\n", 21_000))), "text/csv"));

        var caseBranchClerk = clerk;
        JsonBody("amendment", HttpMethod.Put, $"/api/cases/{world.WaitingCase}", caseBranchClerk, filing, applicant);
        Add("amendment", "unknown case", HttpMethod.Put, $"/api/cases/{Guid.NewGuid()}", caseBranchClerk, filing.ToJsonString());

        var approver = Token($"approver-{Branch}", Branch, ReliefRole.Approver);
        var decision = new JsonObject { ["decision"] = "reject", ["comment"] = "材料不全" };
        JsonBody("decision", HttpMethod.Post, $"/api/cases/{world.WaitingCase}/decisions", approver, decision,
            [("decision", FieldKind.Name, 10), ("comment", FieldKind.FreeText, 1000), ("version", FieldKind.Count, 0)]);
        foreach (var (what, value) in new[] { ("maybe", "\"maybe\""), ("a number", "1"), ("approve spelled out", "\"Approved\""), ("sign-off", "\"ok\"") }
                     .Concat(BadValues.JoinedNames(Enum.GetNames<Relief.Workflows.Cases.DecisionKind>())))
        {
            Add("decision", $"decision {what}", HttpMethod.Post, $"/api/cases/{world.WaitingCase}/decisions", approver, With(decision, "decision", value));
        }
        Add("decision", "reject without a comment", HttpMethod.Post, $"/api/cases/{world.WaitingCase}/decisions", approver, """{ "decision": "reject" }""");
        Add("decision", "stale version", HttpMethod.Post, $"/api/cases/{world.WaitingCase}/decisions", approver, """{ "decision": "approve", "version": 999 }""");
        Add("decision", "unknown case", HttpMethod.Post, $"/api/cases/{Guid.NewGuid()}/decisions", approver, """{ "decision": "approve" }""");
        Add("decision", "case not waiting here", HttpMethod.Post, $"/api/cases/{world.NoticedCase}/decisions", approver, """{ "decision": "approve" }""");

        Add("decision", "reject, then approve", HttpMethod.Post, $"/api/cases/{world.WaitingCase}/decisions", approver,
            """{ "decision": "reject", "comment": "x", "decision": "approve" }""");
        var bulk = new JsonObject { ["decision"] = "reject", ["comment"] = "材料不全", ["cases"] = new JsonArray(new JsonObject { ["id"] = world.WaitingCase }) };
        JsonBody("bulk decision", HttpMethod.Post, "/api/cases/decisions", approver, bulk,
            [("decision", FieldKind.Name, 10), ("comment", FieldKind.FreeText, 1000), ("cases[0].id", FieldKind.Id, 0), ("cases[0].version", FieldKind.Count, 0)]);
        Add("bulk decision", "no cases", HttpMethod.Post, "/api/cases/decisions", approver, """{ "decision": "approve", "cases": [] }""");
        Add("bulk decision", "cases not a list", HttpMethod.Post, "/api/cases/decisions", approver, """{ "decision": "approve", "cases": "all" }""");
        Add("bulk decision", "501 cases", HttpMethod.Post, "/api/cases/decisions", approver,
            JsonSerializer.Serialize(new { decision = "approve", cases = Enumerable.Range(0, 501).Select(_ => new { id = Guid.NewGuid() }) }));

        var finance = Token($"finance-{Branch}", Branch, ReliefRole.Finance);
        var payment = new JsonObject { ["method"] = "BankTransfer", ["reference"] = "BOC-20270201-001" };
        JsonBody("payment", HttpMethod.Post, $"/api/cases/{world.NoticedCase}/payment", finance, payment,
            [BodyField.Enum<Relief.Workflows.Cases.PaymentMethod>("method"), ("reference", FieldKind.Name, 100)]);
        Add("payment", "case still on notice", HttpMethod.Post, $"/api/cases/{world.NoticedCase}/payment", finance, payment.ToJsonString());
        Add("payment", "case still waiting", HttpMethod.Post, $"/api/cases/{world.WaitingCase}/payment", finance, payment.ToJsonString());
        Add("payment", "unknown case", HttpMethod.Post, $"/api/cases/{Guid.NewGuid()}/payment", finance, payment.ToJsonString());

        Add("retry incidents", "unknown case", HttpMethod.Post, $"/api/cases/{Guid.NewGuid()}/incidents/retry", approver, null);
    }

    private void Funds()
    {
        var finance = Token($"finance-{Nanshan}", Nanshan, ReliefRole.Finance);
        var unit = $"{P}/orgunits/{Nanshan}";
        var grant = new JsonObject { ["source"] = "SocialDonation", ["amount"] = "50000.00", ["donor"] = "深圳市慈善会" };
        JsonBody("grant", HttpMethod.Post, $"{unit}/grants", finance, grant,
            [BodyField.Enum<Relief.Workflows.Funds.FundingSource>("source"), ("amount", FieldKind.Amount, 0), ("donor", FieldKind.Name, 100)]);
        Add("grant", "donation without a donor", HttpMethod.Post, $"{unit}/grants", finance, """{ "source": "SocialDonation", "amount": "100.00" }""");
        Add("grant", "malformed unit code", HttpMethod.Post, $"{P}/orgunits/CN-4403/grants", finance, grant.ToJsonString());
        Add("grant", "unknown programme", HttpMethod.Post, $"/api/programmes/{Guid.NewGuid()}/orgunits/{Nanshan}/grants", finance, grant.ToJsonString());

        var allocation = new JsonObject { ["child"] = Branch, ["amount"] = "100.00" };
        JsonBody("allocation", HttpMethod.Post, $"{unit}/allocations", finance, allocation,
            [("child", FieldKind.Name, 30), ("amount", FieldKind.Amount, 0), ("recipients", FieldKind.Count, 0)]);
        Add("allocation", "sources with an unknown source", HttpMethod.Post, $"{unit}/allocations", finance, """{ "child": "CN-44-03-05-0001", "amount": "1.00", "sources": { "Lottery": "1.00" } }""");
        Add("allocation", "sources negative", HttpMethod.Post, $"{unit}/allocations", finance, """{ "child": "CN-44-03-05-0001", "amount": "1.00", "sources": { "NationalAllocation": "-1.00" } }""");
        Add("allocation", "sources with joined sources", HttpMethod.Post, $"{unit}/allocations", finance, """{ "child": "CN-44-03-05-0001", "amount": "1.00", "sources": { "NationalAllocation,OwnFunds": "1.00" } }""");
        Add("allocation", "a source given twice", HttpMethod.Post, $"{unit}/allocations", finance, """{ "child": "CN-44-03-05-0001", "amount": "1.00", "sources": { "OwnFunds": "1.00", "OwnFunds": "1.00" } }""");
        Add("allocation", "sources not adding up", HttpMethod.Post, $"{unit}/allocations", finance, """{ "child": "CN-44-03-05-0001", "amount": "1.00", "sources": { "NationalAllocation": "2.00" } }""");
        Add("allocation", "more than is available", HttpMethod.Post, $"{unit}/allocations", finance, """{ "child": "CN-44-03-05-0001", "amount": "99999999999.00" }""");
        Add("allocation", "more than is available, with a quota", HttpMethod.Post, $"{unit}/allocations", finance,
            """{ "child": "CN-44-03-05-0001", "amount": "99999999999.00", "recipients": 5 }""");
        foreach (var child in new[] { "CN-32-01-02-0001", "CN-44-03-05", "CN-44-03-05-9999", "CN-4403", "cn-44-03-05-0001", "" })
        {
            Add("allocation", $"child '{child}'", HttpMethod.Post, $"{unit}/allocations", finance, With(allocation, "child", JsonValue.Create(child)!.ToJsonString()));
        }

        Plans(unit, finance);

        Add("receipt", "unknown allocation", HttpMethod.Post, $"{unit}/receipts/{Guid.NewGuid()}", finance, null);
        Add("receipt", "not a guid", HttpMethod.Post, $"{unit}/receipts/not-a-guid", finance, null);

        var reclaim = new JsonObject { ["child"] = Branch, ["amount"] = "100.00" };
        JsonBody("reclaim", HttpMethod.Post, $"{unit}/reclaims", finance, reclaim, [("child", FieldKind.Name, 30), ("amount", FieldKind.Amount, 0)]);
        Add("reclaim", "more than the child holds", HttpMethod.Post, $"{unit}/reclaims", finance, """{ "child": "CN-44-03-05-0001", "amount": "99999999999.00" }""");
        var returned = new JsonObject { ["amount"] = "100.00" };
        JsonBody("return", HttpMethod.Post, $"{unit}/returns", finance, returned, [("amount", FieldKind.Amount, 0)]);
        Add("return", "more than is available", HttpMethod.Post, $"{unit}/returns", finance, """{ "amount": "99999999999.00" }""");

        var quota = new JsonObject { ["recipients"] = 5 };
        JsonBody("child's quota", HttpMethod.Put, $"{P}/orgunits/{Branch}/quota", finance, quota, [("recipients", FieldKind.Count, 0)]);
        Add("child's quota", "above the parent's own", HttpMethod.Put, $"{P}/orgunits/{Branch}/quota", finance, """{ "recipients": 2000000000 }""");
        Add("child's quota", "unit below no one", HttpMethod.Put, $"{P}/orgunits/CN/quota", Token("finance-CN", "CN", ReliefRole.Finance), """{ "recipients": 5 }""");
    }

    private void Notices()
    {
        var approver = Token($"approver-{Nanshan}", Nanshan, ReliefRole.Approver);
        Add("publish notice", "nothing to publish", HttpMethod.Post, $"{P}/orgunits/{Nanshan}/notices/publish", approver, null);
        Add("publish notice", "unknown programme", HttpMethod.Post, $"/api/programmes/{Guid.NewGuid()}/orgunits/{Nanshan}/notices/publish", approver, null);

        var resolution = $"/api/notices/{world.NoticeList}/objections/{Guid.NewGuid()}/resolution";
        JsonBody("resolve objection", HttpMethod.Post, resolution, approver, new JsonObject { ["upheld"] = false, ["reason"] = "经核实情况属实" },
            [("upheld", FieldKind.Flag, 0), ("reason", FieldKind.FreeText, 2000)]);
        Add("resolve objection", "unknown list", HttpMethod.Post, $"/api/notices/{Guid.NewGuid()}/objections/{Guid.NewGuid()}/resolution", approver, """{ "upheld": false, "reason": "x" }""");

        // The public routes allow 60 requests a minute from one address: a sample of each kind, below that budget.
        var objections = $"/api/public/notices/{world.NoticeList}/objections";
        var objection = new JsonObject { ["line"] = 1, ["reason"] = "此人家有两套住房", ["channel"] = "Online", ["contact"] = "138****0000" };
        foreach (var (field, kind, max, take) in new (string, FieldKind, int, int)[]
                 { ("line", FieldKind.Count, 0, 6), ("reason", FieldKind.FreeText, 2000, 8), ("channel", FieldKind.Enum, 0, 4), ("contact", FieldKind.OptionalName, 100, 9) })
        {
            foreach (var (what, json) in BadValues.For(kind, max).Take(take))
            {
                Add("public objection", $"{field}: {what}", HttpMethod.Post, objections, null, With(objection, field, json));
            }
        }
        foreach (var (what, json) in BadValues.JoinedNames(Enum.GetNames<Relief.Workflows.Notices.ObjectionChannel>()).Take(2)
                     .Append(("combining marks only", "\"\\u0301\\u0301\\u0301\"")))
        {
            Add("public objection", $"channel or reason: {what}", HttpMethod.Post, objections, null,
                With(objection, what.StartsWith("combining", StringComparison.Ordinal) ? "reason" : "channel", json));
        }
        Add("public objection", "line given twice", HttpMethod.Post, objections, null, Twice(objection, "line"));
        _requests.Add(new BadRequest("public objection", "valid body as plain text", HttpMethod.Post, objections, null, BadRequest.Utf8(objection.ToJsonString()), "text/plain"));
        _requests.Add(new BadRequest("public objection", "valid body with no content type", HttpMethod.Post, objections, null, BadRequest.Utf8(objection.ToJsonString()), null));
        Add("public objection", "line beyond the list", HttpMethod.Post, objections, null, With(objection, "line", "999"));
        Add("public objection", "unknown list", HttpMethod.Post, $"/api/public/notices/{Guid.NewGuid()}/objections", null, objection.ToJsonString());
        foreach (var (what, body) in MalformedBodies().Take(6))
        {
            _requests.Add(new BadRequest("public objection", what, HttpMethod.Post, objections, null, body, "application/json"));
        }
        Add("public notice list", "unknown list", HttpMethod.Get, $"/api/public/notices/{Guid.NewGuid()}", null, null);
        Add("public notice list", "not a guid", HttpMethod.Get, "/api/public/notices/12345", null, null);
        Add("public notice board", "malformed unit code", HttpMethod.Get, $"/api/public/programmes/{world.ProgrammeId}/orgunits/CN-4403/notices", null, null);
        Add("public notice board", "unknown programme", HttpMethod.Get, $"/api/public/programmes/{Guid.NewGuid()}/orgunits/{Nanshan}/notices", null, null);
    }

    private void SpotChecks()
    {
        var auditor = Token($"auditor-{Nanshan}", Nanshan, ReliefRole.Auditor);
        JsonBody("draw spot check", HttpMethod.Post, $"{P}/orgunits/{Nanshan}/spot-checks", auditor, new JsonObject { ["percent"] = 10, ["seed"] = 7 },
            [("percent", FieldKind.Amount, 0)]);
        foreach (var (what, seed) in new[] { ("fraction", "1.5"), ("text", "\"abc\""), ("beyond 64 bits", "9223372036854775808"), ("object", "{}") })
        {
            Add("draw spot check", $"seed: {what}", HttpMethod.Post, $"{P}/orgunits/{Nanshan}/spot-checks", auditor, $$"""{ "percent": 10, "seed": {{seed}} }""");
        }
        Add("draw spot check", "above 100 percent", HttpMethod.Post, $"{P}/orgunits/{Nanshan}/spot-checks", auditor, """{ "percent": 100.5 }""");
        var finding = new JsonObject { ["caseId"] = world.NoticedCase, ["verdict"] = "Vetoed", ["note"] = "收入证明系伪造" };
        JsonBody("finding", HttpMethod.Post, $"/api/spot-checks/{world.SpotCheck}/findings", auditor, finding,
            [("caseId", FieldKind.Id, 0), BodyField.Enum<Relief.Workflows.SpotChecks.SpotCheckVerdict>("verdict"), ("note", FieldKind.FreeText, 2000)]);
        Add("finding", "case outside the sample", HttpMethod.Post, $"/api/spot-checks/{world.SpotCheck}/findings", auditor,
            With(finding, "caseId", JsonValue.Create(Guid.NewGuid().ToString())!.ToJsonString()));
        Add("finding", "unknown spot check", HttpMethod.Post, $"/api/spot-checks/{Guid.NewGuid()}/findings", auditor, finding.ToJsonString());
    }

    private void Reads()
    {
        var auditor = Token("auditor.cn", "CN", ReliefRole.Auditor);
        var pages = new[] { ("offset", "-1"), ("offset", "abc"), ("offset", "2147483648"), ("limit", "0"), ("limit", "-5"), ("limit", "100000"), ("limit", "1.5"), ("limit", "") };
        foreach (var path in new[] { $"/api/orgunits/{Nanshan}/queue?programme={world.ProgrammeId}", $"/api/orgunits/{Nanshan}/escalations?programme={world.ProgrammeId}",
                     $"{P}/orgunits/{Nanshan}/ledger?x=1", "/api/programmes?x=1", $"{P}/orgunits/{Nanshan}/spot-checks?x=1", $"{P}/orgunits/{Nanshan}/notices?x=1",
                     $"{P}/orgunits/{Nanshan}/unpaid?x=1" })
        {
            foreach (var (name, value) in pages)
            {
                Add("paged read", $"{name}={value}", HttpMethod.Get, $"{path}&{name}={value}", auditor, null);
            }
        }
        foreach (var (what, query) in new[]
        {
            ("no programme", ""), ("programme not a guid", "?programme=abc"), ("unknown programme", $"?programme={Guid.NewGuid()}"),
            ("overdue not a flag", $"?programme={world.ProgrammeId}&overdue=perhaps"), ("waitingFor unknown", $"?programme={world.ProgrammeId}&waitingFor=godot"),
            ("branch not below", $"?programme={world.ProgrammeId}&branch=CN-32-01-02-0001"), ("branch malformed", $"?programme={world.ProgrammeId}&branch=CN-4403"),
            ("category overlong", $"?programme={world.ProgrammeId}&category={new string('c', 300)}"),
        })
        {
            Add("queue", what, HttpMethod.Get, $"/api/orgunits/{Nanshan}/queue{query}", auditor, null);
        }
        Add("queue", "waitingFor joined", HttpMethod.Get, $"/api/orgunits/{Nanshan}/queue?programme={world.ProgrammeId}&waitingFor=Decision,Amendment", auditor, null);
        Add("queue", "waitingFor a number", HttpMethod.Get, $"/api/orgunits/{Nanshan}/queue?programme={world.ProgrammeId}&waitingFor=1", auditor, null);
        Add("ledger", "kind joined", HttpMethod.Get, $"{P}/orgunits/{Nanshan}/ledger?kind=Grant,Disbursed", auditor, null);
        foreach (var (what, query) in new[] { ("kind unknown", "kind=Stolen"), ("from not a time", "from=yesterday"), ("to before from", "from=2027-02-01T00:00:00Z&to=2027-01-01T00:00:00Z") })
        {
            Add("ledger", what, HttpMethod.Get, $"{P}/orgunits/{Nanshan}/ledger?{query}", auditor, null);
            if (what != "kind unknown")
            {
                Add("statement", what, HttpMethod.Get, $"{P}/orgunits/{Nanshan}/statement?{query}", auditor, null);
            }
        }
        foreach (var code in new[] { "CN-4403", "cn", "CN-44-03-05-00001", "CN-44-03-05-0001-01", new string('9', 300), "CN-99", "CN-44-99", "CN-44%2F03" })
        {
            Add("org unit", $"code '{code}'", HttpMethod.Get, $"/api/orgunits/{code}", auditor, null);
            Add("quota", $"code '{code}'", HttpMethod.Get, $"{P}/orgunits/{code}/quota", auditor, null);
            Add("account", $"code '{code}'", HttpMethod.Get, $"{P}/orgunits/{code}/account", auditor, null);
            Add("roll-up", $"code '{code}'", HttpMethod.Get, $"{P}/orgunits/{code}/rollup", auditor, null);
        }
        foreach (var limit in new[] { "0", "-1", "abc", "100000" })
        {
            Add("org unit", $"childrenLimit={limit}", HttpMethod.Get, $"/api/orgunits/CN?childrenLimit={limit}", auditor, null);
        }
        var unknown = Guid.NewGuid();
        foreach (var (route, path) in new[]
        {
            ("case", $"/api/cases/{unknown}"), ("case", "/api/cases/not-a-guid"), ("trace", $"/api/cases/{unknown}/trace"), ("trace", $"/api/cases/{world.WaitingCase}/trace"),
            ("programme", $"/api/programmes/{unknown}"), ("route", $"/api/programmes/{unknown}/workflow"), ("route", $"{P}/workflow?version=0"),
            ("route", $"{P}/workflow?version=abc"), ("route", $"{P}/workflow?version=999"),
            ("objections", $"/api/notices/{unknown}/objections"), ("spot check", $"/api/spot-checks/{unknown}"),
            ("ops peak", "/api/ops/peak"), ("ops peak", "/api/ops/peak?programme=abc"), ("ops peak", $"/api/ops/peak?programme={world.ProgrammeId}&hours=0"),
            ("ops peak", $"/api/ops/peak?programme={world.ProgrammeId}&hours=-3"), ("ops peak", $"/api/ops/peak?programme={world.ProgrammeId}&hours=100000"),
            ("ops peak", $"/api/ops/peak?programme={world.ProgrammeId}&hours=many"), ("no such route", "/api/nothing-here"),
        })
        {
            var token = route == "ops peak" ? Token("ops", "CN", ReliefRole.Ops) : auditor;
            Add(route, path.Replace(unknown.ToString(), "unknown id", StringComparison.Ordinal), HttpMethod.Get, path, token, null);
        }
    }

    private void SignIn()
    {
        // The sign-in route allows 20 requests a minute from one address: a sample below that.
        foreach (var (what, json) in new[]
        {
            ("no password", """{ "userName": "admin" }"""), ("no user", """{ "password": "x" }"""), ("user a number", """{ "userName": 5, "password": "x" }"""),
            ("user overlong", JsonSerializer.Serialize(new { userName = new string('u', 10_000), password = "x" })), ("array", "[]"), ("malformed", "{"),
            ("user with NUL", """{ "userName": "ad\u0000min", "password": "x" }"""),
        })
        {
            _requests.Add(new BadRequest("sign-in", what, HttpMethod.Post, "/api/auth/sign-in", null, BadRequest.Utf8(json), "application/json"));
        }
    }

    /// <summary>
    /// The base body, and the same body with each field given each wrong value of its kind, each field given
    /// twice, the valid body under a content type that is not JSON or none, plus whole-body faults.
    /// </summary>
    /// <summary>Allocation plans of the Nanshan district over its four branches: every line, every branch once, something to allocate.</summary>
    private void Plans(string unit, string finance)
    {
        string[] branches = ["CN-44-03-05-0001", "CN-44-03-05-0002", "CN-44-03-05-0003", "CN-44-03-05-0004"];
        JsonObject Plan(Func<int, JsonObject>? line = null) => new()
        {
            ["title"] = "2027年春节送温暖分配方案",
            ["lines"] = new JsonArray([.. branches.Select((b, i) => (JsonNode)(line?.Invoke(i) ?? new JsonObject { ["child"] = b, ["amount"] = "100.00", ["recipients"] = 1 }))]),
        };
        JsonBody("plan", HttpMethod.Post, $"{unit}/plans", finance, Plan(),
            [("title", FieldKind.Name, 100), ("lines[0].child", FieldKind.Name, 30), ("lines[0].amount", FieldKind.AmountOrZero, 0), ("lines[0].recipients", FieldKind.CountOrZero, 0)]);
        var leftOut = Plan();
        leftOut["lines"]!.AsArray().RemoveAt(3);
        Add("plan", "a branch left out", HttpMethod.Post, $"{unit}/plans", finance, leftOut.ToJsonString());
        Add("plan", "a branch twice", HttpMethod.Post, $"{unit}/plans", finance,
            Plan(i => new JsonObject { ["child"] = branches[Math.Min(i, 2)], ["amount"] = "100.00", ["recipients"] = 1 }).ToJsonString());
        Add("plan", "a unit that is no child", HttpMethod.Post, $"{unit}/plans", finance,
            Plan(i => new JsonObject { ["child"] = i == 0 ? "CN-44-03-04-0001" : branches[i], ["amount"] = "100.00" }).ToJsonString());
        Add("plan", "sources not adding up", HttpMethod.Post, $"{unit}/plans", finance,
            Plan(i => new JsonObject { ["child"] = branches[i], ["amount"] = "100.00", ["sources"] = new JsonObject { ["OwnFunds"] = "90.00" } }).ToJsonString());
        Add("plan", "nothing to allocate", HttpMethod.Post, $"{unit}/plans", finance,
            Plan(i => new JsonObject { ["child"] = branches[i], ["amount"] = "0.00", ["recipients"] = 0 }).ToJsonString());
        Add("plan", "no lines", HttpMethod.Post, $"{unit}/plans", finance, """{ "title": "分配方案", "lines": [] }""");
        _requests.Add(new BadRequest("plan from CSV", "header without recipients", HttpMethod.Post, $"{unit}/plans/csv?title=x", finance,
            BadRequest.Utf8("child,amount\nCN-44-03-05-0001,1.00\n"), "text/csv"));
        _requests.Add(new BadRequest("plan from CSV", "a branch left out", HttpMethod.Post, $"{unit}/plans/csv?title=x", finance,
            BadRequest.Utf8("child,amount,recipients\nCN-44-03-05-0001,1.00,1\n"), "text/csv"));
        _requests.Add(new BadRequest("plan from CSV", "as JSON", HttpMethod.Post, $"{unit}/plans/csv?title=x", finance, BadRequest.Utf8(Plan().ToJsonString()), "application/json"));
        Add("plan proposal", "no basis", HttpMethod.Get, $"{unit}/plans/proposal?amount=1.00", finance, null);
        Add("plan proposal", "this programme as last season's", HttpMethod.Get, $"{unit}/plans/proposal?basis=lastSeasonRecipients&from={world.ProgrammeId}&amount=1.00", finance, null);
        Add("plan proposal", "an unknown programme", HttpMethod.Get, $"{unit}/plans/proposal?basis=lastSeasonRecipients&from={Guid.NewGuid()}&amount=1.00", finance, null);
        Add("plan decision", "unknown plan", HttpMethod.Post, $"{unit}/plans/{Guid.NewGuid()}/decisions", finance, """{ "decision": "approve" }""");
        Add("plan decision", "no decision", HttpMethod.Post, $"{unit}/plans/{Guid.NewGuid()}/decisions", finance, "{}");
        Add("plan receipt", "unknown plan", HttpMethod.Post, $"{unit}/plans/{Guid.NewGuid()}/receipt", finance, null);
    }

    private void JsonBody(string route, HttpMethod method, string path, string token, JsonObject body, BodyField[] fields)
    {
        foreach (var field in fields)
        {
            foreach (var (what, json) in BadValues.For(field))
            {
                Add(route, $"{field.Path}: {what}", method, path, token, With(body, field.Path, json));
            }
            Add(route, $"{field.Path}: given twice", method, path, token, Twice(body, field.Path));
        }
        var valid = BadRequest.Utf8(body.ToJsonString());
        foreach (var contentType in new[] { "text/plain", null, "application/x-www-form-urlencoded", "text/csv" })
        {
            _requests.Add(new BadRequest(route, $"valid body as {contentType ?? "no content type"}", method, path, token, valid, contentType));
        }
        Malformed(route, method, path, token);
    }

    /// <summary><paramref name="body"/> as JSON text with the property at <paramref name="path"/> written twice, with its own value each time.</summary>
    private static string Twice(JsonObject body, string path)
    {
        if (path.EndsWith(']'))
        {
            return Twice(body, path[..path.LastIndexOf('[')]); // an item of a list: the list is given twice
        }
        var parts = path.Split('.');
        JsonNode? node = body;
        foreach (var part in parts)
        {
            node = part.Split('[') is [var name, var index]
                ? node?[name]?[int.Parse(index.TrimEnd(']'), System.Globalization.CultureInfo.InvariantCulture)]
                : node?[part];
        }
        var value = node?.ToJsonString() ?? "null";
        var last = parts[^1].Split('[')[0];
        const string Marker = "__twice__";
        return With(body, path, $"\"{Marker}\"")
            .Replace($"\"{last}\":\"{Marker}\"", $"\"{last}\":{value},\"{last}\":{value}", StringComparison.Ordinal);
    }

    private void Malformed(string route, HttpMethod method, string path, string token)
    {
        foreach (var (what, body) in MalformedBodies())
        {
            _requests.Add(new BadRequest(route, what, method, path, token, body, "application/json"));
        }
        _requests.Add(new BadRequest(route, "no body", method, path, token, null, null));
        _requests.Add(new BadRequest(route, "plain text", method, path, token, BadRequest.Utf8("{}"), "text/plain"));
        _requests.Add(new BadRequest(route, "form", method, path, token, BadRequest.Utf8("a=1"), "application/x-www-form-urlencoded"));
        _requests.Add(new BadRequest(route, "2 MiB body", method, path, token, BadRequest.Utf8($"{{\"name\":\"{new string('x', 2 * 1024 * 1024)}\"}}"), "application/json"));
    }

    private static IEnumerable<(string What, byte[] Body)> MalformedBodies()
    {
        foreach (var (what, text) in new[]
        {
            ("unclosed object", "{"), ("unclosed string", "{\"a\": \"b"), ("trailing comma", "{\"a\": 1,}"), ("single quotes", "{'a': 1}"),
            ("two documents", "{} {}"), ("bare word", "nul"), ("NUL byte", "\0"), ("JSON array", "[1, 2]"), ("JSON number", "42"),
            ("JSON string", "\"text\""), ("JSON true", "true"), ("JSON null", "null"), ("empty", ""), ("nested 200 deep", new string('[', 200) + new string(']', 200)),
            ("object nested 100 deep", string.Concat(Enumerable.Repeat("{\"a\":", 100)) + "1" + new string('}', 100)),
        })
        {
            yield return (what, BadRequest.Utf8(text));
        }
        yield return ("invalid UTF-8", [0x7B, 0x22, 0x61, 0x22, 0x3A, 0x22, 0xC3, 0x28, 0x22, 0x7D]);
        yield return ("UTF-16 with BOM", Encoding.Unicode.GetPreamble().Concat(Encoding.Unicode.GetBytes("{\"a\":1}")).ToArray());
    }

    private void Add(string route, string what, HttpMethod method, string path, string? token, string? json, IReadOnlyDictionary<string, string>? headers = null) =>
        _requests.Add(new BadRequest(route, what, method, path, token, json is null ? null : BadRequest.Utf8(json), json is null ? null : "application/json", headers));

    /// <summary>
    /// <paramref name="body"/> as JSON text with the field at <paramref name="path"/> (a.b[0].c) set to raw JSON:
    /// written in place of a marker, so that what no JSON writer would write (NaN, 1e400) can be sent too.
    /// </summary>
    private static string With(JsonObject body, string path, string rawJson)
    {
        const string Marker = "__bad_value__";
        var copy = body.DeepClone().AsObject();
        JsonNode node = copy;
        var parts = path.Split('.');
        for (var i = 0; i < parts.Length; i++)
        {
            var (name, index) = parts[i].Split('[') is [var n, var rest] ? (n, int.Parse(rest.TrimEnd(']'), System.Globalization.CultureInfo.InvariantCulture)) : (parts[i], -1);
            var last = i == parts.Length - 1;
            if (last && index < 0)
            {
                node.AsObject()[name] = Marker;
                break;
            }
            var child = node.AsObject()[name] ??= index >= 0 ? new JsonArray() : new JsonObject();
            if (index >= 0 && last)
            {
                child.AsArray()[index] = Marker;
                break;
            }
            node = index >= 0 ? child.AsArray()[index]! : child;
        }
        return copy.ToJsonString().Replace($"\"{Marker}\"", rawJson, StringComparison.Ordinal);
    }
}
