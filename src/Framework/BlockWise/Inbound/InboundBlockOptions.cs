using Coap.Codec;

namespace Coap.BlockWise.Inbound;

/// <summary>The block-wise options of a request, read in one pass over its options.</summary>
internal readonly record struct InboundBlockOptions(bool HasBlock1, uint Block1, bool HasQBlock1, uint QBlock1, bool HasQBlock2, long Size1)
{
    public bool HasQBlock => HasQBlock1 || HasQBlock2;

    public static InboundBlockOptions Read(CoapOptionsCursor cursor)
    {
        bool block1 = false, qblock1 = false, qblock2 = false;
        uint block1Value = 0, qblock1Value = 0;
        long size1 = -1;
        while (cursor.MoveNext())
        {
            switch (cursor.Number)
            {
                case CoapOptionNumber.QBlock1:
                    qblock1 = true;
                    qblock1Value = CoapUInt.Read(cursor.Value);
                    break;
                case CoapOptionNumber.QBlock2:
                    qblock2 = true;
                    break;
                case CoapOptionNumber.Block1:
                    block1 = true;
                    block1Value = CoapUInt.Read(cursor.Value);
                    break;
                case CoapOptionNumber.Size1 when cursor.Value.Length <= 4:
                    size1 = CoapUInt.Read(cursor.Value);
                    break;
                case > CoapOptionNumber.Size1:
                    return new(block1, block1Value, qblock1, qblock1Value, qblock2, size1);
            }
        }

        return new(block1, block1Value, qblock1, qblock1Value, qblock2, size1);
    }
}
