using Intranet.Web.Platform;

var app = IntranetApp.Build(new WebApplicationOptions { Args = args });

app.Run();

/// <summary>Visible to the integration tests' <c>WebApplicationFactory</c>.</summary>
public partial class Program;
