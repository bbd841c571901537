#!/usr/bin/env node
// Observes one resource with node-coap (RFC 7641) and prints every response, the registration
// response first, as one JSON line as soon as it arrives:
//   {"code":"2.05","type":"ACK","observe":4711,"payload":"..."}
//
// Usage: node observe.js URI COUNT [--then=exit|deregister|forget] [--linger=MS] [--timeout=MS]
//   URI       coap://127.0.0.1:5683/path or coap://[::1]:5683/path?query
//   COUNT     how many responses to print (the registration response counts as one)
//   --then    what to do after COUNT responses:
//               exit        exit at once (default); the server is not told
//               deregister  send GET with Observe: 1 and the same token (RFC 7641 §3.6), then
//                           linger; prints {"event":"deregistering"}
//               forget      forget the token but keep the socket open, so the next notification
//                           is answered with RST (RFC 7641 §3.6); prints {"event":"forgotten"}
//   --linger  how long to stay after --then before exiting (default 2000)
//   --timeout give up when COUNT responses did not arrive within MS milliseconds (default 10000)
//
// Exit codes: 0 done, 1 error, 2 timeout, 64 bad usage.
'use strict';

const dgram = require('dgram');
const coap = require('coap');

function fail(exitCode, message) {
    process.stderr.write(`${message}\n`);
    process.exit(exitCode);
}

function print(value) {
    process.stdout.write(`${JSON.stringify(value)}\n`);
}

const positional = [];
let then = 'exit';
let lingerMs = 2000;
let timeoutMs = 10000;
for (const arg of process.argv.slice(2)) {
    if (arg.startsWith('--then=')) {
        then = arg.substring('--then='.length);
    } else if (arg.startsWith('--linger=')) {
        lingerMs = Number.parseInt(arg.substring('--linger='.length), 10);
    } else if (arg.startsWith('--timeout=')) {
        timeoutMs = Number.parseInt(arg.substring('--timeout='.length), 10);
    } else {
        positional.push(arg);
    }
}

const count = Number.parseInt(positional[1], 10);
if (positional.length !== 2 || !(count > 0) || !(timeoutMs > 0) || !(lingerMs >= 0) || !['exit', 'deregister', 'forget'].includes(then)) {
    fail(64, 'usage: node observe.js URI COUNT [--then=exit|deregister|forget] [--linger=MS] [--timeout=MS]');
}

let url;
try {
    url = new URL(positional[0]);
} catch (err) {
    fail(64, `bad uri '${positional[0]}': ${err.message}`);
}

if (url.protocol !== 'coap:') {
    fail(64, `only coap:// URIs are supported, not '${positional[0]}'`);
}

let hostname = url.hostname;
const ipv6 = hostname.startsWith('[') && hostname.endsWith(']');
if (ipv6) {
    hostname = hostname.substring(1, hostname.length - 1);
}

// The agent gets our socket, so it never closes it: after 'forget' it still answers the
// notifications it no longer expects (with RST) instead of leaving them to ICMP.
const socket = dgram.createSocket(ipv6 ? 'udp6' : 'udp4');
const agent = new coap.Agent({ socket });
const timer = setTimeout(() => fail(2, `timeout: fewer than ${count} responses within ${timeoutMs} ms`), timeoutMs);

const request = coap.request({
    agent,
    hostname,
    port: url.port !== '' ? Number.parseInt(url.port, 10) : 5683,
    pathname: decodeURIComponent(url.pathname),
    query: url.search !== '' ? url.search.substring(1) : undefined,
    method: 'GET',
    observe: true,
});

request.on('response', (response) => {
    let received = 0;
    let packet = response._packet;
    const describe = (payload) => ({
        code: response.code,
        type: packet?.ack ? 'ACK' : packet?.confirmable ? 'CON' : packet?.reset ? 'RST' : 'NON',
        observe: typeof response.headers?.Observe === 'number' ? response.headers.Observe : null,
        payload: (payload ?? Buffer.alloc(0)).toString('utf8'),
    });

    if (typeof response.append !== 'function') {
        // Not an observation (e.g. an error response): print it and stop.
        print(describe(response.payload));
        process.exit(0);
    }

    // The stream pushes the payload of each notification it accepts (older ones are dropped,
    // RFC 7641 §3.4); note the packet it came in and describe it at that moment, in order.
    const accepted = [describe(response.payload)];
    const append = response.append.bind(response);
    response.append = (next, first) => {
        packet = next;
        append(next, first);
    };
    const push = response.push.bind(response);
    response.push = (chunk, encoding) => {
        if (chunk !== null) {
            accepted.push(describe(chunk));
        }

        return push(chunk, encoding);
    };

    response.on('data', () => {
        received++;
        const notification = accepted.shift();
        if (received > count) {
            return;
        }

        print(notification);
        if (received !== count) {
            return;
        }

        clearTimeout(timer);
        if (then === 'exit') {
            process.exit(0);
        }

        response.close(then === 'deregister');
        print({ event: then === 'deregister' ? 'deregistering' : 'forgotten' });
        setTimeout(() => process.exit(0), lingerMs);
    });
});

request.on('timeout', (err) => fail(2, `timeout: ${err?.message ?? err}`));
request.on('error', (err) => fail(1, `error: ${err?.message ?? err}`));
request.end();
