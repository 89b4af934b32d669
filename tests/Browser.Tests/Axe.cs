using System.Text.Json;
using Microsoft.Playwright;

namespace Browser.Tests;

/// <summary>axe-core (from tests/clients' npm packages) over a whole page; the page needs its CSP bypassed.</summary>
internal static class Axe
{
    /// <summary>Every violation on the page, whatever its impact, each as "name: impact rule: help at nodes".</summary>
    public static async Task<IReadOnlyList<AxeViolation>> ViolationsAsync(IPage page, string name)
    {
        await page.AddScriptTagAsync(new() { Path = RepoPaths.NodeModule("axe-core", "axe.min.js") });
        var results = await page.EvaluateAsync<JsonElement>("""
            async () => {
              const result = await axe.run(document, { resultTypes: ['violations'] });
              return {
                passes: result.passes.length,
                violations: result.violations.map(v => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map(n => n.target.join(' ')) }))
              };
            }
            """);
        Assert.True(results.GetProperty("passes").GetInt32() > 0, $"axe-core checked nothing on {name}");
        return [.. results.GetProperty("violations").EnumerateArray().Select(v => new AxeViolation(
            v.GetProperty("impact").GetString() ?? "",
            $"{name}: {v.GetProperty("impact").GetString()} {v.GetProperty("id").GetString()}: {v.GetProperty("help").GetString()} at "
                + string.Join(", ", v.GetProperty("nodes").EnumerateArray().Select(n => n.GetString()))))];
    }

    /// <summary>The serious and critical ones only.</summary>
    public static async Task<IEnumerable<string>> SeriousViolationsAsync(IPage page, string name) =>
        (await ViolationsAsync(page, name)).Where(v => v.Impact is "serious" or "critical").Select(v => v.Text).ToList();
}

internal sealed record AxeViolation(string Impact, string Text);
