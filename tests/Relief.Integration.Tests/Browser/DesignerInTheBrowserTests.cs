using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Playwright;
using Relief.Integration.Tests.Api;
using Relief.Integration.Tests.Infrastructure;
using Relief.Workflows.Definitions.Examples;
using static Relief.Integration.Tests.Browser.BrowserPages;

namespace Relief.Integration.Tests.Browser;

/// <summary>
/// The designer in the pages (issue 15): the national administrator rebuilds the shipped hardship grant — home
/// visit, committee vote, district approval, notice, payment, signed hand-over — by choosing kinds, filling the
/// forms generated from each kind's settings and wiring outcomes, never typing JSON; an outcome left unwired shows
/// its problem on its node; the definition saved, exported and compared with the next version equals the shipped
/// one. Screenshots under browser-screenshots/.
/// </summary>
public sealed class DesignerInTheBrowserTests
{
    [SkippableFact]
    public async Task The_admin_builds_the_hardship_grant_by_clicks_and_saves_exactly_the_shipped_definition()
    {
        Chromium.SkipUnlessPresent();
        Directory.CreateDirectory(Screenshots);
        await using var host = await InProcessHost.Start();
        var programmeId = await DraftProgramme(host);
        var (playwright, browser) = await Chromium.Launch();
        using var _ = playwright;
        await using var __ = browser;
        var page = await SignIn(browser, host, "admin");
        await page.EvaluateAsync("id => localStorage.setItem('relief.programme', id)", programmeId);
        await page.GotoAsync("/designer.html");
        await Expect(page.Locator("body[data-ready=true]")).ToHaveCountAsync(1);
        await Expect(page.Locator("h1")).ToHaveTextAsync("项目与流程设计");
        var designer = new Designer(page);

        await page.FillAsync("#workflow-name", "困难职工帮扶：入户走访、工会委员会表决、区县审批、公示、发放、物资签收");
        await page.Locator("#workflow-name").PressAsync("Tab");
        foreach (var (id, kind) in new[]
        {
            ("visit", "task"), ("urge", "task"), ("checked", "decide"), ("vote", "approve"), ("district", "approve"), ("reserve", "reserve"),
            ("notice", "notice"), ("release", "release"), ("pay", "pay"), ("handover", "task"), ("paid", "end"), ("rejected", "end"),
        })
        {
            await designer.Add(id, kind);
        }
        await Expect(page.Locator("#workflow-start")).ToHaveValueAsync("visit");

        await designer.Set("visit", "title", "入户走访");
        await designer.Set("visit", "at", "Branch");
        await designer.Set("visit", "roles", "clerk");
        await designer.OneOf("visit", "due", "workingDays", "5");
        await designer.Field("visit", 0, ("name", "visitedOn"), ("label", "走访日期"), ("type", "date"), ("required", "true"));
        await designer.Field("visit", 1, ("name", "visitors"), ("label", "走访人员"), ("type", "text"), ("required", "true"), ("maxLength", "100"));
        await designer.Field("visit", 2, ("name", "findings"), ("label", "家庭情况"), ("type", "longText"), ("required", "true"), ("maxLength", "2000"));
        await designer.Field("visit", 3, ("name", "householdIncome"), ("label", "家庭月收入"), ("type", "money"), ("required", "true"), ("min", "0"), ("max", "1000000"));
        await designer.Field("visit", 4, ("name", "needs"), ("label", "提出的需求"), ("type", "items"), ("maxLength", "20"));
        await designer.Field("visit", 5, ("name", "confirmed"), ("label", "情况属实"), ("type", "yesNo"), ("required", "true"));
        await designer.Set("urge", "title", "督办：入户走访超期");
        await designer.Set("urge", "at", "District");
        await designer.Set("urge", "roles", "approver");
        await designer.Set("urge", "outcomes", "urged");
        await designer.Set("checked", "title", "走访核实属实？");
        await designer.Set("checked", "condition", "visit.confirmed");
        await designer.Set("vote", "title", "基层工会委员会表决");
        await designer.Set("vote", "at", "Branch");
        await designer.Set("vote", "roles", "committee");
        await designer.Set("vote", "quorum.members", "5");
        await designer.Set("vote", "quorum.needed", "3");
        await designer.Set("district", "title", "区县总工会审批");
        await designer.Set("district", "at", "District");
        await designer.Set("notice", "title", "区县公示");
        await designer.Set("notice", "at", "District");
        await designer.Set("notice", "days", "5");
        await designer.Set("pay", "title", "发放帮扶金");
        await designer.Set("handover", "title", "慰问品交接签收");
        await designer.Set("handover", "at", "Branch");
        await designer.Set("handover", "roles", "clerk");
        await designer.Set("handover", "handsOverGoods", "true");
        await designer.Field("handover", 0, ("name", "signedBy"), ("label", "签收人"), ("type", "text"), ("required", "true"), ("maxLength", "50"));
        await designer.Field("handover", 1, ("name", "signedOn"), ("label", "签收日期"), ("type", "date"), ("required", "true"));
        await designer.Field("handover", 2, ("name", "items"), ("label", "交接物品"), ("type", "items"), ("required", "true"), ("maxLength", "20"));
        await designer.Set("paid", "result", "paid");
        await designer.Set("rejected", "result", "rejected");

        foreach (var (from, outcome, to) in new[]
        {
            ("visit", "done", "checked"), ("visit", "timeout", "urge"), ("urge", "urged", "visit"), ("checked", "yes", "vote"), ("checked", "no", "rejected"),
            ("vote", "approve", "district"), ("vote", "return", "visit"), ("vote", "reject", "rejected"),
            ("district", "approve", "reserve"), ("district", "reject", "rejected"),
            ("reserve", "done", "notice"), ("notice", "closed", "pay"), ("notice", "upheld", "release"), ("release", "done", "rejected"),
            ("pay", "done", "handover"), ("handover", "done", "paid"),
        })
        {
            await designer.Wire(from, outcome, to);
        }

        // One outcome left unwired: its problem shows on its node, and nowhere else.
        await designer.Settled();
        await Expect(page.Locator("#check-status")).ToHaveAttributeAsync("data-state", "problems");
        await Expect(page.Locator(".node-card[data-node=district] .problems")).ToContainTextAsync("'return'");
        await Expect(page.Locator(".node-card.has-problems")).ToHaveCountAsync(1);
        await Shoot(page, "17-designer-an-outcome-left-unwired");
        await designer.Wire("district", "return", "visit");
        await designer.Settled();
        await Expect(page.Locator("#check-status")).ToHaveAttributeAsync("data-state", "valid");
        await Expect(page.Locator("#diagram svg")).ToBeVisibleAsync();
        await Shoot(page, "18-designer-hardship-grant-built-by-clicks");

        var shipped = JsonNode.Parse(ShippedDefinitions.Text("hardship-grant")!);
        var built = JsonNode.Parse(await page.Locator("#json").InputValueAsync());
        Assert.True(JsonNode.DeepEquals(shipped, built), $"built by clicks:\n{built}\nshipped:\n{shipped}");

        // Exported as a file: the same definition.
        var download = await page.RunAndWaitForDownloadAsync(() => page.ClickAsync("#export"));
        var exported = JsonNode.Parse(await File.ReadAllTextAsync(await download.PathAsync()));
        Assert.True(JsonNode.DeepEquals(shipped, exported), exported!.ToJsonString());

        // Saved, the programme's workflow is the shipped one; published, a second version differs by one node.
        await page.ClickAsync("#save");
        await Expect(page.Locator("#message.info")).ToContainTextAsync("第 1 版");
        var saved = await host.Http.GetFromJsonAsync<JsonElement>($"/api/programmes/{programmeId}/workflow");
        Assert.True(JsonNode.DeepEquals(shipped, JsonNode.Parse(saved.GetProperty("definition").GetRawText())), saved.GetProperty("definition").GetRawText());
        await page.ClickAsync("#publish");
        await Expect(page.Locator("#message.info")).ToContainTextAsync("已发布");
        await designer.Set("district", "title", "区县总工会审核");
        await designer.Settled();
        await page.ClickAsync("#save");
        await Expect(page.Locator("#message.info")).ToContainTextAsync("第 2 版");
        await Expect(page.Locator("#version-list tbody tr")).ToHaveCountAsync(2);
        await page.ClickAsync("#diff");
        await Expect(page.Locator("#diff-result li.diff-changed")).ToHaveTextAsync("district");
        await Expect(page.Locator("#diff-result li.diff-added")).ToHaveCountAsync(0);
        await Shoot(page, "19-designer-versions-compared");

        // Imported from a file: what it holds is what the designer shows.
        var file = Path.Combine(Path.GetTempPath(), $"ladder-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(file, ShippedDefinitions.Text("standard-ladder"));
        await page.SetInputFilesAsync("#import", file);
        await Expect(page.Locator(".node-card")).ToHaveCountAsync(JsonNode.Parse(ShippedDefinitions.Text("standard-ladder")!)!["nodes"]!.AsObject().Count);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(ShippedDefinitions.Text("standard-ladder")!), JsonNode.Parse(await page.Locator("#json").InputValueAsync())));
    }

    private static async Task<string> DraftProgramme(InProcessHost host)
    {
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var terms = JsonSerializer.SerializeToNode(ProgrammeSamples.Terms($"困难职工帮扶 {Guid.NewGuid():N}"))!;
        terms["opens"] = today.AddDays(-1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        terms["lastFilingDay"] = today.AddDays(30).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        terms["lastPaymentDay"] = today.AddDays(60).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        using var created = await host.Send("admin", "CN", HttpMethod.Post, "/api/programmes", terms);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        return (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
    }

    /// <summary>What the administrator does in the designer, by clicks and typing in its forms.</summary>
    private sealed class Designer(IPage page)
    {
        private ILocator Card(string node) => page.Locator($".node-card[data-node={node}]");

        public async Task Add(string id, string kind)
        {
            await page.FillAsync("#add-node [name=id]", id);
            await page.SelectOptionAsync("#add-node [name=kind]", kind);
            await page.ClickAsync("#add-node button[type=submit]");
            await Expect(Card(id)).ToBeVisibleAsync();
        }

        public async Task Set(string node, string path, string value)
        {
            var input = Card(node).Locator($"[data-path='{path}']");
            if (await input.EvaluateAsync<string>("e => e.tagName") == "SELECT")
            {
                await input.SelectOptionAsync(value);
            }
            else
            {
                await input.FillAsync(value);
                await input.PressAsync("Tab");
            }
        }

        public async Task OneOf(string node, string path, string which, string value)
        {
            await Card(node).Locator($"[data-one-of='{path}']").SelectOptionAsync(which);
            await Card(node).Locator($"[data-one-of-value='{path}']").FillAsync(value);
            await Card(node).Locator($"[data-one-of-value='{path}']").PressAsync("Tab");
        }

        /// <summary>A field of the node's form: a row added, then each of its properties filled.</summary>
        public async Task Field(string node, int index, params (string Property, string Value)[] properties)
        {
            await Card(node).Locator("[data-add-row='form.fields']").ClickAsync();
            await Expect(Card(node).Locator($"[data-row='form.fields.{index}']")).ToBeVisibleAsync();
            foreach (var (property, value) in properties)
            {
                await Set(node, $"form.fields.{index}.{property}", value);
            }
        }

        /// <summary>An outcome wired once the server has said the node has it.</summary>
        public async Task Wire(string node, string outcome, string target)
        {
            var select = Card(node).Locator($"[data-next='{outcome}']");
            await Expect(select).ToBeVisibleAsync();
            await select.SelectOptionAsync(target);
        }

        /// <summary>The last edit checked by the server.</summary>
        public async Task Settled() =>
            await Expect(page.Locator("#check-status")).Not.ToHaveAttributeAsync("data-state", "checking");
    }
}
