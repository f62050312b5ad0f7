using Intranet.Jobs;
using Intranet.Web.Accounts;
using Intranet.Web.Platform;
using Intranet.Web.Register;

var builder = WebApplication.CreateBuilder(args);

builder.AddIntranetSettings();
builder.AddIntranetDatabase();
builder.AddIntranetUi();
builder.AddAccounts();
builder.AddRegister();
builder.AddIntranetJobs();

var app = builder.Build();

app.UseIntranet();
app.MapAccountEndpoints();
app.MapRegisterExport();

app.Run();

/// <summary>Visible to the integration tests' <c>WebApplicationFactory</c>.</summary>
public partial class Program;
