using Coap;

namespace Lighting.Switch;

/// <summary>Sends one request to the lamps' group and prints each answer as it arrives, with the lamp's address.</summary>
public static class GroupSwitch
{
    /// <summary>Sends the command; 0 when at least one lamp answered, 1 when none did.</summary>
    public static async Task<int> RunAsync(SwitchCommand command, TextWriter output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(output);
        await using var client = new CoapClient(new CoapClientOptions { LocalEndPoint = command.LocalEndPoint });
        var request = command.Payload is null
            ? CoapRequest.Get(command.Light)
            : CoapRequest.Put(command.Light).WithPayload(command.Payload);
        output.WriteLine(command.Payload is null ? $"GET {command.Light}" : $"PUT {command.Light} {command.Payload}");

        var answered = 0;
        await foreach (var response in client.SendToGroupAsync(request, command.Timeout, cancellationToken))
        {
            // Lamps answer "hall: on"; anything else (an error the lamps were told to send) is shown as it came.
            var text = response.IsSuccess ? response.GetPayloadAsString() : $"{response.Code} {response.GetPayloadAsString()}".TrimEnd();
            output.WriteLine($"  {text} ({response.RemoteEndPoint})");
            answered++;
        }

        output.WriteLine(answered switch
        {
            0 => $"No lamp answered within {command.Timeout.TotalSeconds:0.#} s.",
            1 => "1 lamp answered.",
            _ => $"{answered} lamps answered.",
        });
        return answered == 0 ? 1 : 0;
    }
}
