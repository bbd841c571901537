#!/usr/bin/env node
// Sends one CoAP request with node-coap and prints the response as one JSON line:
//   {"code":"2.05","type":"ACK","payload":"...","payloadHex":"..."}
//
// Usage: node client.js METHOD URI [PAYLOAD] [--non] [--timeout=MS]
//   METHOD    GET, PUT, POST, DELETE, FETCH, ...
//   URI       coap://127.0.0.1:5683/path or coap://[::1]:5683/path?query
//   PAYLOAD   UTF-8 text sent as the request payload (optional)
//   --non     send a non-confirmable request (default: confirmable)
//   --timeout give up after MS milliseconds (default 5000)
//
// Exit codes: 0 response printed, 1 error, 2 timeout, 64 bad usage.
'use strict';

const coap = require('coap');

function fail(exitCode, message) {
    process.stderr.write(`${message}\n`);
    process.exit(exitCode);
}

const positional = [];
let confirmable = true;
let timeoutMs = 5000;
for (const arg of process.argv.slice(2)) {
    if (arg === '--non') {
        confirmable = false;
    } else if (arg === '--con') {
        confirmable = true;
    } else if (arg.startsWith('--timeout=')) {
        timeoutMs = Number.parseInt(arg.substring('--timeout='.length), 10);
    } else {
        positional.push(arg);
    }
}

if (positional.length < 2 || positional.length > 3 || !(timeoutMs > 0)) {
    fail(64, 'usage: node client.js METHOD URI [PAYLOAD] [--non] [--timeout=MS]');
}

const [method, uri, payload] = positional;
let url;
try {
    url = new URL(uri);
} catch (err) {
    fail(64, `bad uri '${uri}': ${err.message}`);
}

if (url.protocol !== 'coap:') {
    fail(64, `only coap:// URIs are supported, not '${uri}'`);
}

let hostname = url.hostname;
const ipv6 = hostname.startsWith('[') && hostname.endsWith(']');
if (ipv6) {
    hostname = hostname.substring(1, hostname.length - 1);
}

// A private agent per run so the socket family matches the target and nothing is shared.
const agent = new coap.Agent({ type: ipv6 ? 'udp6' : 'udp4' });
const timer = setTimeout(() => fail(2, `timeout: no response within ${timeoutMs} ms`), timeoutMs);

const request = coap.request({
    agent,
    hostname,
    port: url.port !== '' ? Number.parseInt(url.port, 10) : 5683,
    pathname: decodeURIComponent(url.pathname),
    query: url.search !== '' ? url.search.substring(1) : undefined,
    method: method.toUpperCase(),
    confirmable,
});

request.on('response', (response) => {
    clearTimeout(timer);
    const body = response.payload ?? Buffer.alloc(0);
    const line = JSON.stringify({
        code: response.code,
        type: response._packet?.ack ? 'ACK' : response._packet?.confirmable ? 'CON' : response._packet?.reset ? 'RST' : 'NON',
        payload: body.toString('utf8'),
        payloadHex: body.toString('hex'),
    });
    process.stdout.write(`${line}\n`, () => process.exit(0));
});

request.on('timeout', (err) => fail(2, `timeout: ${err?.message ?? err}`));
request.on('error', (err) => fail(1, `error: ${err?.message ?? err}`));

if (payload !== undefined) {
    request.write(payload);
}

request.end();
