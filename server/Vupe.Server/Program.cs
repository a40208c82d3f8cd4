using Vupe.Server.Hosting;

var builder = WebApplication.CreateBuilder(args);
builder.AddVupeServer();
var app = builder.Build();
app.UseVupeServer();
app.Run();

/// <summary>The entry point, visible to the integration tests' WebApplicationFactory.</summary>
public partial class Program;
