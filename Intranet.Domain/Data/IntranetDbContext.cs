using Intranet.Domain.Register;
using Microsoft.EntityFrameworkCore;

namespace Intranet.Domain.Data;

public class IntranetDbContext(DbContextOptions<IntranetDbContext> options) : DbContext(options)
{
    public DbSet<Unit> Units => Set<Unit>();

    public DbSet<RetireeGroup> RetireeGroups => Set<RetireeGroup>();

    public DbSet<PartyBranch> PartyBranches => Set<PartyBranch>();

    public DbSet<Retiree> Retirees => Set<Retiree>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        ArgumentNullException.ThrowIfNull(modelBuilder);
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(IntranetDbContext).Assembly);
    }
}
