namespace Coap.BlockWise.Inbound;

/// <summary>What the endpoint does with a block of a request body.</summary>
internal enum InboundVerdict : byte
{
    /// <summary>Answer 2.31 Continue with the echo (Block1 after every block; Q-Block1 NON after a complete set).</summary>
    Continue,

    /// <summary>The body is whole: run the handler once with it.</summary>
    Complete,

    /// <summary>Nothing to say: an empty ACK for CON, silence for NON.</summary>
    Accepted,

    /// <summary>A block of a Q-Block1 body already handled: its final response again, the handler not run (QB-14, QB-21).</summary>
    Repeat,

    /// <summary>NON Q-Block1: a later set started while earlier blocks are missing; send 4.08 with the list at once (QB-55).</summary>
    Missing,

    /// <summary>4.08 Request Entity Incomplete without a list (RFC 7959 §2.9.2).</summary>
    Incomplete,

    /// <summary>4.13 with Size1 = the largest body accepted (RFC 7959 §2.9.3).</summary>
    TooLarge,

    /// <summary>5.03 with Max-Age: the reassembly budgets are spent.</summary>
    Busy,

    /// <summary>4.00: the block contradicts the body it belongs to.</summary>
    BadRequest,
}

/// <summary>The verdict on one block, with what the answer needs.</summary>
internal readonly record struct InboundOutcome(InboundVerdict Verdict, CoapBlock Echo = default, byte[]? Body = null, int BodyLength = 0, int[]? Missing = null, InboundTransfer? Transfer = null, FinalResponse? Final = null)
{
    public static InboundOutcome Of(InboundVerdict verdict) => new(verdict);
}
