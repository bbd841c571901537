using Lighting.Switch;
using Microsoft.Extensions.Configuration;

// Switches every lamp of the group with one multicast request and lists who answered:
//   LightSwitch on|off|status [--group coap://239.255.0.1] [--timeout 00:00:03] [--room hallway]
// --room addresses only the lamps of that room (an application group: /gp/hallway/light).
// The defaults are Lighting:Group and Lighting:Timeout in appsettings.json. Exit code 0 when at least
// one lamp answered, 1 when none did, 2 on a bad command line.
var configuration = new ConfigurationBuilder()
    .SetBasePath(AppContext.BaseDirectory)
    .AddJsonFile("appsettings.json", optional: false)
    .AddCommandLine(args.Length > 0 ? args[1..] : [], new Dictionary<string, string> { ["--group"] = "Lighting:Group", ["--timeout"] = "Lighting:Timeout", ["--room"] = "Lighting:Room" })
    .Build();
if (!SwitchCommand.TryParse(args.FirstOrDefault(), configuration["Lighting:Group"], configuration["Lighting:Timeout"], configuration["Lighting:Room"], out var command, out var error))
{
    Console.Error.WriteLine(error);
    Console.Error.WriteLine("usage: LightSwitch on|off|status [--group coap://239.255.0.1] [--timeout 00:00:03] [--room hallway]");
    return 2;
}

using var stop = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    stop.Cancel();
};
return await GroupSwitch.RunAsync(command, Console.Out, stop.Token);
