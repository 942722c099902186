using Geographie.Api.Cli;
using Geographie.Api.Hosting;

if (CommandLine.IsCommand(args))
{
    return await CommandLine.RunAsync(args, Console.Out);
}

// Settings and the map page sit next to the program, wherever it is started from.
var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
builder.AddGeographie();

var app = builder.Build();
app.MapGeographie();
await app.RunAsync();
return 0;

/// <summary>Entry point, visible to the in-memory test host.</summary>
public partial class Program;
