using System.Collections.Concurrent;
using System.Net;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using Intranet.Domain.Accounts;
using Intranet.Domain.Data;
using Intranet.Domain.Register;
using Intranet.Tests.Accounts;
using Intranet.Tests.Support;
using Intranet.Web.Platform.Forms;
using Intranet.Web.Platform.Live;
using Intranet.Web.Register;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Intranet.Tests.Platform;

/// <summary>The live feed over the real app on Kestrel: committed saves only, in bursts, and by scope on the hub.</summary>
public sealed class ChangeFeedTests : IAsyncLifetime
{
    private KestrelApp _app = default!;
    private AccessWorld _world = default!;

    public async Task InitializeAsync()
    {
        _app = await KestrelApp.StartAsync(settings: new Dictionary<string, string?> { ["ChangeFeed:Window"] = "00:00:00.200" });
        _world = await AccessWorld.CreateAsync(_app);
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task A_save_is_published_once_after_it_commits_with_its_unit_and_no_personal_data()
    {
        var batches = Listen();

        var saved = await SaveAsync(_world[UserRole.DistrictStaff], _world.InUnitB.Id, form => form.Address = "青羊区新华路1号");

        Assert.True(saved.Succeeded);
        var change = Assert.Single(Assert.Single(await batches.WaitAsync(1)));
        Assert.Equal(new EntityChange(nameof(Retiree), _world.InUnitB.Id, ChangeKind.Updated, _world.UnitB.Id, null, _world.InUnitB.Id), change);
    }

    [Fact]
    public async Task A_save_that_fails_publishes_nothing()
    {
        var batches = Listen();

        // Saved against a version somebody else has since replaced: refused, nothing written.
        var refused = await SaveAsync(_world[UserRole.DistrictStaff], _world.InUnitA.Id, form => { form.Address = "冲突"; form.Version = -1; });

        Assert.False(refused.Succeeded);
        await Task.Delay(600);
        Assert.Empty(batches.All);
    }

    [Fact]
    public async Task A_burst_of_saves_goes_out_in_a_few_batches()
    {
        var batches = Listen();
        using (var db = _app.Database.CreateContext())
        {
            _ = new RegisterBuilder(db).Unit();
        }

        // Through the app's own pipeline, as an import would: 40 saves in quick succession.
        using var scope = _app.Services.CreateScope();
        var factory = scope.ServiceProvider.GetRequiredService<IDbContextFactory<IntranetDbContext>>();
        for (var i = 0; i < 40; i++)
        {
            await using var db = await factory.CreateDbContextAsync();
            var retiree = await db.Retirees.SingleAsync(r => r.Id == _world.InUnitA.Id);
            retiree.Notes = $"第{i}次";
            await db.SaveChangesAsync();
        }

        // Waits for the 40 rather than a fixed time: on a busy machine the coalescing window closes later.
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (batches.All.Sum(b => b.Count) < 40 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50);
        }

        Assert.Equal(40, batches.All.Sum(b => b.Count));
        Assert.InRange(batches.All.Count, 1, 10);
    }

    [Fact]
    public async Task The_hub_sends_each_signed_in_person_only_the_changes_in_their_scope_and_refuses_strangers()
    {
        using var staff = await HubClient.ConnectAsync(_app, _world[UserRole.DistrictStaff]);
        using var officer = await HubClient.ConnectAsync(_app, _world[UserRole.UnitOfficer]);
        using var administrator = await HubClient.ConnectAsync(_app, _world[UserRole.Administrator]);

        await SaveAsync(_world[UserRole.DistrictStaff], _world.InUnitB.Id, form => form.Address = "青羊区东城根街2号");

        var heard = await staff.NextAsync(TimeSpan.FromSeconds(5));
        Assert.NotNull(heard);
        Assert.Contains($"\"key\":{_world.InUnitB.Id}", heard, StringComparison.Ordinal);
        Assert.Contains("\"count\":1", heard, StringComparison.Ordinal);
        foreach (var personal in new[] { _world.InUnitB.Name, _world.InUnitB.IdNumber, _world.InUnitB.Phone!, "东城根街" })
        {
            Assert.DoesNotContain(personal, heard, StringComparison.Ordinal);
        }

        // Unit B is not the officer's unit, and an administrator's scope holds no one.
        Assert.Null(await officer.NextAsync(TimeSpan.FromSeconds(1)));
        Assert.Null(await administrator.NextAsync(TimeSpan.FromMilliseconds(200)));

        await SaveAsync(_world[UserRole.DistrictStaff], _world.InUnitA.Id, form => form.Address = "青羊区人民中路3号");
        Assert.Contains($"\"key\":{_world.InUnitA.Id}", await officer.NextAsync(TimeSpan.FromSeconds(5)), StringComparison.Ordinal);

        using var anonymous = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = _app.ServerAddress };
        using var refused = await anonymous.PostAsync(new Uri(ChangesHub.Path + "/negotiate?negotiateVersion=1", UriKind.Relative), null);
        Assert.NotEqual(HttpStatusCode.OK, refused.StatusCode);
    }

    private Batches Listen()
    {
        var batches = new Batches();
        var subscription = _app.Services.GetRequiredService<ChangeFeed>().Subscribe(batch =>
        {
            batches.Add(batch.Where(c => c.Entity == nameof(Retiree)).ToList());
            return Task.CompletedTask;
        });
        batches.Subscription = subscription;
        return batches;
    }

    private async Task<CommandResult<int>> SaveAsync(TestAccount account, int retireeId, Action<RetireeForm> change)
    {
        await using var scope = await _app.ScopeForAsync(account);
        using var db = _app.Database.CreateContext();
        var form = RetireeForm.From(await db.Retirees.AsNoTracking().SingleAsync(r => r.Id == retireeId));
        change(form);
        return await scope.ServiceProvider.GetRequiredService<RegisterCommands>().SaveAsync(form);
    }

    private sealed class Batches
    {
        private readonly ConcurrentQueue<IReadOnlyList<EntityChange>> _batches = new();

        public IDisposable? Subscription { get; set; }

        public IReadOnlyList<IReadOnlyList<EntityChange>> All => [.. _batches.Where(b => b.Count > 0)];

        public void Add(IReadOnlyList<EntityChange> batch) => _batches.Enqueue(batch);

        public async Task<IReadOnlyList<IReadOnlyList<EntityChange>>> WaitAsync(int count)
        {
            for (var i = 0; i < 50 && All.Count < count; i++)
            {
                await Task.Delay(100);
            }

            await Task.Delay(300);
            return All;
        }
    }
}

/// <summary>
/// The hub from outside a circuit, as a wall display would use it: sign in over HTTP, negotiate with the cookie,
/// then the JSON hub protocol over a plain WebSocket (the SignalR .NET client is not to be had here).
/// </summary>
internal sealed class HubClient : IDisposable
{
    private const char RecordSeparator = '\u001e';
    private readonly ClientWebSocket _socket;
    private readonly System.Threading.Channels.Channel<string> _messages = System.Threading.Channels.Channel.CreateUnbounded<string>();
    private readonly CancellationTokenSource _stop = new();
    private int _invocations;

    private HubClient(ClientWebSocket socket)
    {
        _socket = socket;

        // One reader for the socket's life: a cancelled receive would abort the socket itself.
        _ = Task.Run(ReadAsync);
    }

    public static async Task<HubClient> ConnectAsync(KestrelApp app, TestAccount account)
    {
        var cookies = new CookieContainer();
        using var http = new HttpClient(new HttpClientHandler { CookieContainer = cookies, AllowAutoRedirect = false }) { BaseAddress = app.ServerAddress };
        var signedIn = await TestAccounts.PostLoginAsync(http, account.UserName, account.Password);
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);

        using var negotiate = await http.PostAsync(new Uri(ChangesHub.Path + "/negotiate?negotiateVersion=1", UriKind.Relative), null);
        negotiate.EnsureSuccessStatusCode();
        using var json = JsonDocument.Parse(await negotiate.Content.ReadAsStringAsync());
        var token = json.RootElement.GetProperty("connectionToken").GetString();

        var socket = new ClientWebSocket();
        socket.Options.Cookies = cookies;
        var address = new UriBuilder(app.ServerAddress) { Scheme = "ws", Path = ChangesHub.Path, Query = "id=" + Uri.EscapeDataString(token!) }.Uri;
        await socket.ConnectAsync(address, CancellationToken.None);
        await socket.SendAsync(Encoding.UTF8.GetBytes("{\"protocol\":\"json\",\"version\":1}" + RecordSeparator), WebSocketMessageType.Text, true, CancellationToken.None);
        var client = new HubClient(socket);
        Assert.Equal("{}", await client.ReceiveAsync(TimeSpan.FromSeconds(5)));
        return client;
    }

    /// <summary>Calls a hub method and returns its completion message (its result inside), or null when none comes in time.</summary>
    public async Task<string?> InvokeAsync(string target, params object?[] arguments)
    {
        var id = Interlocked.Increment(ref _invocations).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var message = JsonSerializer.Serialize(new { type = 1, invocationId = id, target, arguments }) + RecordSeparator;
        await _socket.SendAsync(Encoding.UTF8.GetBytes(message), WebSocketMessageType.Text, true, CancellationToken.None);
        return await NextAsync(TimeSpan.FromSeconds(10), $"\"invocationId\":\"{id}\"");
    }

    /// <summary>The next "changes" message, or null when none comes in time (pings are skipped).</summary>
    public Task<string?> NextAsync(TimeSpan timeout) => NextAsync(timeout, "\"target\":\"changes\"");

    /// <summary>The next message holding <paramref name="marker"/> (a target, an invocation id), or null when none comes in time.</summary>
    public async Task<string?> NextAsync(TimeSpan timeout, string marker)
    {
        var until = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < until)
        {
            if (await ReceiveAsync(until - DateTime.UtcNow) is not { } message)
            {
                return null;
            }

            if (message.Contains(marker, StringComparison.Ordinal))
            {
                return message;
            }
        }

        return null;
    }

    public void Dispose()
    {
        _stop.Cancel();
        _socket.Dispose();
        _stop.Dispose();
    }

    private async Task<string?> ReceiveAsync(TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            return await _messages.Reader.ReadAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            return null;
        }
    }

    private async Task ReadAsync()
    {
        var buffer = new StringBuilder();
        var chunk = new byte[8192];
        try
        {
            while (_socket.State == WebSocketState.Open)
            {
                var result = await _socket.ReceiveAsync(chunk, _stop.Token);
                buffer.Append(Encoding.UTF8.GetString(chunk, 0, result.Count));
                var text = buffer.ToString();
                var records = text.Split(RecordSeparator);
                for (var i = 0; i < records.Length - 1; i++)
                {
                    await _messages.Writer.WriteAsync(records[i]);
                }

                buffer.Clear().Append(records[^1]);
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or WebSocketException or ObjectDisposedException)
        {
            // The test is over or the server closed the connection.
        }
    }
}
