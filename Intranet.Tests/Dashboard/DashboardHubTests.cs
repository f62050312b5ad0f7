using Intranet.Domain.Accounts;
using Intranet.Domain.Welfare;
using Intranet.Tests.Accounts;
using Intranet.Tests.Platform;
using Intranet.Tests.Support;
using Intranet.Web.Welfare;
using Microsoft.Extensions.DependencyInjection;

namespace Intranet.Tests.Dashboard;

/// <summary>The dashboard's figures for clients outside a circuit, over a raw WebSocket with the JSON hub protocol.</summary>
public sealed class DashboardHubTests : IAsyncLifetime
{
    private KestrelApp _app = default!;
    private AccessWorld _world = default!;

    public async Task InitializeAsync()
    {
        _app = await KestrelApp.StartAsync();
        _world = await AccessWorld.CreateAsync(_app);
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task Outside_clients_ask_for_the_figures_of_their_scope_and_district_clients_hear_them_move()
    {
        using var leader = await HubClient.ConnectAsync(_app, _world[UserRole.Leadership]);
        using var officer = await HubClient.ConnectAsync(_app, _world[UserRole.UnitOfficer]);
        using var groupLeader = await HubClient.ConnectAsync(_app, _world[UserRole.GroupLeader]);

        // The district's register counts three living people; unit A's officer gets unit A's two; a group leader nothing.
        var district = await leader.InvokeAsync("Figures", [null]);
        Assert.Contains("\"key\":\"register\"", district, StringComparison.Ordinal);
        Assert.Contains("\"living\":3", district, StringComparison.Ordinal);
        var unit = await officer.InvokeAsync("Figures", [null]);
        Assert.Contains($"\"unitId\":{_world.UnitA.Id}", unit, StringComparison.Ordinal);
        Assert.Contains("\"living\":2", unit, StringComparison.Ordinal);
        Assert.Contains("\"result\":[]", await groupLeader.InvokeAsync("Figures", [null]), StringComparison.Ordinal);

        // A case opened anywhere: the district client is sent the welfare panel's new figures, unasked.
        await using (var scope = await _app.ScopeForAsync(_world[UserRole.DistrictStaff]))
        {
            var commands = scope.ServiceProvider.GetRequiredService<WelfareCommands>();
            Assert.True((await commands.OpenCaseAsync(new CaseForm
            {
                RetireeId = _world.InUnitB.Id, Type = CaseType.MedicalRelief, Reason = "长期患病", Officer = "张丽", OpenedOn = commands.Today,
            })).Succeeded);
        }

        var pushed = await leader.NextAsync(TimeSpan.FromSeconds(5), "\"target\":\"figures\"");
        Assert.NotNull(pushed);
        Assert.Contains("\"key\":\"welfare\"", pushed, StringComparison.Ordinal);
        Assert.Contains("\"openCases\":1", pushed, StringComparison.Ordinal);
        Assert.DoesNotContain(_world.InUnitB.Name, pushed, StringComparison.Ordinal);
    }
}
