using System.Text;

namespace Coap.Endpoint;

/// <summary>An application group name with its UTF-8 form, so requests are matched in place without decoding.</summary>
internal sealed record ApplicationGroupName(string Name, byte[] Utf8)
{
    public static ApplicationGroupName From(string name)
    {
        CoapGroupOptions.CheckApplicationGroupName(name, "Coap:Groups:ApplicationGroups");
        return new ApplicationGroupName(name, Encoding.UTF8.GetBytes(name));
    }
}
