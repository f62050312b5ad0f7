using Intranet.Domain.Accounts;
using Intranet.Tests.Accounts;
using Intranet.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Intranet.Tests.Register;

/// <summary>Health notes are sensitive personal data: district staff and the unit officer read them, nobody else.</summary>
public sealed class HealthNotesTests : IAsyncLifetime
{
    private const string Note = "高血压，需定期复查";

    private IntranetAppFactory App { get; } = new();
    private AccessWorld _world = default!;

    public async Task InitializeAsync()
    {
        _world = await AccessWorld.CreateAsync(App);
        using var db = App.Database.CreateContext();
        var person = await db.Retirees.SingleAsync(r => r.Id == _world.InGroupA.Id);
        person.HealthNotes = Note;
        await db.SaveChangesAsync();
    }

    public async Task DisposeAsync() => await App.DisposeAsync();

    [Theory]
    [InlineData(UserRole.DistrictStaff, true)]
    [InlineData(UserRole.UnitOfficer, true)]
    [InlineData(UserRole.GroupLeader, false)]
    [InlineData(UserRole.Leadership, false)]
    public async Task Only_staff_and_the_unit_officer_get_a_persons_health_note(UserRole role, bool sees)
    {
        using var client = await App.SignedInClientAsync(_world[role]);
        var html = await client.GetStringAsync(new Uri($"/register/{_world.InGroupA.Id}", UriKind.Relative));

        Assert.Contains(_world.InGroupA.Name, html, StringComparison.Ordinal);
        Assert.Equal(sees, html.Contains(Note, StringComparison.Ordinal));
        Assert.Equal(sees, html.Contains("健康说明</dt>", StringComparison.Ordinal));
    }
}
