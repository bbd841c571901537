using Coap.Diagnostics;
using Coap.Endpoint;
using Coap.Observe;

namespace Coap;

public sealed partial class CoapObservations
{
    /// <summary>Starts a rendering of the group, or marks it dirty when one is running. Under the lock.</summary>
    private void RequestRender(RepresentationGroup group)
    {
        if (group.Rendering)
        {
            group.Dirty = true;
            return;
        }

        group.Rendering = true;
        ThreadPool.UnsafeQueueUserWorkItem(static g => _ = g.Resource.Owner.RenderAsync(g), group, preferLocal: false);
    }

    /// <summary>Renders until no change arrived during the last rendering, delivering each result.</summary>
    private async Task RenderAsync(RepresentationGroup group)
    {
        while (true)
        {
            lock (_gate)
            {
                group.Dirty = false;
            }

            var representation = await RenderOnceAsync(group).ConfigureAwait(false);
            lock (_gate)
            {
                if (representation is not null && !group.Removed)
                {
                    Deliver(group, representation);
                }

                _completedRenderings++;

                if (!group.Dirty || group.Removed)
                {
                    group.Rendering = false;
                    return;
                }
            }
        }
    }

    /// <summary>Runs the handler on the group's stored request; null when it cannot (stopping, failure).</summary>
    private async Task<NotificationRepresentation?> RenderOnceAsync(RepresentationGroup group)
    {
        var endpoint = group.Endpoint;
        var context = endpoint.RentNotificationContext(group.Request, group.Peer, group.Info, group.Security);
        if (context is null)
        {
            return null;
        }

        try
        {
            await endpoint.RenderAsync(context).ConfigureAwait(false);
            _metrics?.NotificationRendered();
            // Too large for one message: the first block goes to every observer, the body waits for their follow-ups (RFC 7959 §2.6).
            var blocks = endpoint.PrepareNotificationBlocks(context);
            var representation = NotificationRepresentation.From(context.Response);
            if (representation.MaxMessageSize > CoapEndpoint.SendBufferSize)
            {
                throw new CoapException($"The notification would be {representation.MaxMessageSize} bytes, more than a datagram can carry.");
            }

            if (blocks is not null)
            {
                representation.KeepBlocks(blocks);
            }

            return representation;
        }
        catch (Exception ex)
        {
            // A failing rendering keeps the observers: the next change may render fine.
            CoapLog.NotificationRenderFailed(_logger, group.Resource.Path, ex);
            return null;
        }
        finally
        {
            endpoint.ReturnNotificationContext(context);
        }
    }

    /// <summary>Sends a new representation to every member whose conditions let it through. Under the lock.</summary>
    private void Deliver(RepresentationGroup group, NotificationRepresentation representation)
    {
        group.Latest = representation;
        var members = group.Members;
        if (!representation.Code.IsSuccess)
        {
            // An error ends the observation (RFC 7641 §4.2): tell everyone, then forget them.
            for (var i = members.Count - 1; i >= 0; i--)
            {
                var member = members[i];
                member.Endpoint.SendFinalNotification(member, representation);
                RemoveLocked(member, RemovalReason.ErrorResponse);
            }

            return;
        }

        var now = Now;
        var sequence = group.Resource.NextSequence();
        for (var i = 0; i < members.Count; i++)
        {
            var member = members[i];
            if (member.Evaluator.Evaluate(representation.Value, now) == NotificationDecision.Send)
            {
                Send(member, representation, sequence, now);
            }
            else
            {
                ArmTimer(member, now);
            }
        }
    }

    /// <summary>Sends one notification: confirmable when asked (c.con), when the last one is unacknowledged, or when the last confirmable is old. Under the lock.</summary>
    private void Send(ObserveRegistration member, NotificationRepresentation representation, uint sequence, TimeSpan now)
    {
        var confirmable = member.Evaluator.Confirmable || member.Outstanding is not null ||
            now - member.LastConfirmableAt >= _options.ConfirmableInterval;
        ushort messageId;
        if (representation.Blocks is { QBlock: not null } qblocks)
        {
            // RFC 9177 §4.5: the whole body goes in paced Q-Block2 payloads, each with this Observe value.
            messageId = member.Endpoint.SendQBlock2Notification(member.Peer, member.Token, qblocks, sequence, confirmable);
        }
        else
        {
            if (representation.Blocks is { } blocks)
            {
                member.Endpoint.KeepNotificationBody(member.Peer, blocks.RequestKey, blocks.RequestHash, blocks.Body);
            }

            messageId = member.Endpoint.SendNotification(member, representation, sequence, member.MaxAgeFor(representation), confirmable);
        }
        if (confirmable)
        {
            member.LastConfirmableAt = now;
            ForgetNonConfirmable(member);
        }
        else
        {
            TrackNonConfirmable(member, messageId);
        }

        _metrics?.NotificationSent();
        member.Evaluator.Reported(representation.Value, now);
        ArmTimer(member, now);
    }

    /// <summary>
    /// A confirmable notification whose group Leisure slot came (<see cref="GroupNotificationPacer"/>): its
    /// transmission starts, superseding one in transit, unless the observation ended meanwhile.
    /// </summary>
    internal void TransmitPaced(ObserveRegistration member, ushort messageId, byte[] datagram)
    {
        lock (_gate)
        {
            if (!member.Removed)
            {
                member.Endpoint.TransmitNotification(member, messageId, datagram);
            }
        }
    }

    /// <summary>Arms the member's timer for its next pmin/pmax/epmax deadline; members without conditions have none. Under the lock.</summary>
    private void ArmTimer(ObserveRegistration member, TimeSpan now)
    {
        if (member.Evaluator.IsTrivial)
        {
            return;
        }

        if (member.Evaluator.NextDue is not { } due)
        {
            member.Timer?.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
            return;
        }

        var delay = due > now ? due - now : TimeSpan.Zero;
        if (member.Timer is { } timer)
        {
            timer.Change(delay, Timeout.InfiniteTimeSpan);
            return;
        }

        member.Timer = _time.CreateTimer(static s => ((ObserveRegistration)s!).Owner.OnDeadline((ObserveRegistration)s!), member, delay, Timeout.InfiniteTimeSpan);
    }

    /// <summary>A member's deadline: sample again (epmax), or evaluate the latest representation (pmin expiry, pmax).</summary>
    private void OnDeadline(ObserveRegistration member)
    {
        lock (_gate)
        {
            if (member.Removed || member.Group.Latest is not { } latest)
            {
                return;
            }

            var now = Now;
            if (member.Evaluator.SampleDue is { } sampleDue && sampleDue <= now)
            {
                RequestRender(member.Group);
                return;
            }

            if (member.Evaluator.Evaluate(latest.Value, now) == NotificationDecision.Send)
            {
                Send(member, latest, member.Group.Resource.NextSequence(), now);
            }
            else
            {
                ArmTimer(member, now);
            }
        }
    }

    private void TrackNonConfirmable(ObserveRegistration member, ushort messageId)
    {
        ForgetNonConfirmable(member);
        member.LastNonConfirmableId = messageId;
        _nonConfirmable[(member.Endpoint, new Messaging.ExchangeKey(member.Peer, messageId))] = member;
    }

    private void ForgetNonConfirmable(ObserveRegistration member)
    {
        if (member.LastNonConfirmableId is { } previous)
        {
            _nonConfirmable.Remove((member.Endpoint, new Messaging.ExchangeKey(member.Peer, previous)));
            member.LastNonConfirmableId = null;
        }
    }
}
