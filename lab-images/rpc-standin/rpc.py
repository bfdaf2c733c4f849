#!/usr/bin/env python3
"""An Ethereum JSON-RPC stand-in for the lab's `eth` group (https://ethereum.org/en/developers/docs/apis/json-rpc/).

JSON-RPC 2.0 (single calls and batches) over HTTP on 8545 and over WebSocket (RFC 6455, text frames)
on 8546: eth_chainId, net_version, eth_blockNumber (one block every BLOCK_SECONDS), eth_getBalance
(BALANCE_WEI for every address), web3_clientVersion, eth_syncing, eth_gasPrice, eth_getBlockByNumber,
and eth_subscribe("newHeads") on the WebSocket. Settings from the environment or --name=value:
CHAIN_ID (1337), BALANCE_WEI (10^18), BLOCK_SECONDS (1), HTTP_PORT (8545), WS_PORT (8546).
"""
import base64, hashlib, json, os, signal, struct, sys, threading, time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

SETTINGS = {'CHAIN_ID': '1337', 'BALANCE_WEI': str(10 ** 18), 'BLOCK_SECONDS': '1', 'HTTP_PORT': '8545', 'WS_PORT': '8546'}
for name in SETTINGS:
    SETTINGS[name] = os.environ.get(name, SETTINGS[name])
for arg in sys.argv[1:]:
    name, _, value = arg.lstrip('-').partition('=')
    SETTINGS[name.upper().replace('-', '_')] = value
CHAIN_ID, BALANCE = int(SETTINGS['CHAIN_ID']), int(SETTINGS['BALANCE_WEI'])
BLOCK_SECONDS, STARTED = float(SETTINGS['BLOCK_SECONDS']), time.time()


def block_number():
    return int((time.time() - STARTED) / BLOCK_SECONDS) + 1


def block(number):
    return {'number': hex(number), 'hash': '0x' + hashlib.sha256(b'%d' % number).hexdigest(),
            'parentHash': '0x' + hashlib.sha256(b'%d' % (number - 1)).hexdigest(),
            'timestamp': hex(int(STARTED + number * BLOCK_SECONDS)), 'baseFeePerGas': hex(10 ** 9),
            'gasLimit': hex(30_000_000), 'gasUsed': '0x0', 'transactions': [], 'difficulty': '0x0'}


def call(method, params):
    if method == 'eth_chainId':
        return hex(CHAIN_ID)
    if method == 'net_version':
        return str(CHAIN_ID)
    if method == 'eth_blockNumber':
        return hex(block_number())
    if method == 'eth_getBalance':
        return hex(BALANCE)
    if method == 'web3_clientVersion':
        return 'steward-rpc-standin/1.0/python'
    if method == 'eth_syncing':
        return False
    if method == 'eth_gasPrice':
        return hex(10 ** 9)
    if method == 'eth_getBlockByNumber':
        tag = params[0] if params else 'latest'
        return block(block_number() if tag in ('latest', 'pending', 'safe', 'finalized') else
                     0 if tag == 'earliest' else int(tag, 16))
    raise LookupError(method)


def answer(request):
    if not isinstance(request, dict) or request.get('jsonrpc') != '2.0' or 'method' not in request:
        return {'jsonrpc': '2.0', 'id': None, 'error': {'code': -32600, 'message': 'Invalid Request'}}
    try:
        result = {'result': call(request['method'], request.get('params') or [])}
    except LookupError:
        result = {'error': {'code': -32601, 'message': f"the method {request['method']} does not exist/is not available"}}
    except (ValueError, TypeError, IndexError) as e:
        result = {'error': {'code': -32602, 'message': f'invalid argument: {e}'}}
    return {'jsonrpc': '2.0', 'id': request.get('id'), **result} if 'id' in request else None


def handle(body):
    try:
        message = json.loads(body)
    except ValueError:
        return {'jsonrpc': '2.0', 'id': None, 'error': {'code': -32700, 'message': 'Parse error'}}
    if isinstance(message, list):
        answers = [a for a in map(answer, message) if a is not None]
        return answers or ({'jsonrpc': '2.0', 'id': None, 'error': {'code': -32600, 'message': 'Invalid Request'}}
                           if not message else None)
    return answer(message)


class Http(BaseHTTPRequestHandler):
    protocol_version = 'HTTP/1.1'

    def do_POST(self):
        reply = handle(self.rfile.read(int(self.headers.get('Content-Length') or 0)))
        body = json.dumps(reply).encode() if reply is not None else b''
        self.send_response(200)
        self.send_header('Content-Type', 'application/json')
        self.send_header('Content-Length', str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self):  # a liveness probe for humans and load balancers
        body = b'steward rpc stand-in: POST JSON-RPC 2.0 here\n'
        self.send_response(200)
        self.send_header('Content-Type', 'text/plain')
        self.send_header('Content-Length', str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


class WebSocket(BaseHTTPRequestHandler):
    """RFC 6455, server side: the handshake, unfragmented text frames, ping/pong and close."""
    protocol_version = 'HTTP/1.1'

    def do_GET(self):
        key = self.headers.get('Sec-WebSocket-Key')
        if self.headers.get('Upgrade', '').lower() != 'websocket' or not key:
            self.send_error(400, 'WebSocket only')
            return
        accept = base64.b64encode(hashlib.sha1((key + '258EAFA5-E914-47DA-95CA-C5AB0DC11B85').encode()).digest())
        self.send_response(101)
        self.send_header('Upgrade', 'websocket')
        self.send_header('Connection', 'Upgrade')
        self.send_header('Sec-WebSocket-Accept', accept.decode())
        self.end_headers()
        self.wfile.flush()
        self.lock, self.subscriptions = threading.Lock(), {}
        try:
            while True:
                opcode, payload = self.read_frame()
                if opcode == 8:
                    self.send_frame(8, payload[:2])
                    return
                if opcode == 9:
                    self.send_frame(10, payload)
                elif opcode == 1:
                    self.on_text(payload.decode())
        except (ConnectionError, struct.error, OSError):
            pass
        finally:
            self.subscriptions.clear()

    def on_text(self, text):
        message = json.loads(text) if text.strip().startswith('{') else None
        if message and message.get('method') == 'eth_subscribe' and (message.get('params') or [None])[0] == 'newHeads':
            sub = hex(int.from_bytes(os.urandom(8), 'big'))
            self.subscriptions[sub] = True
            self.send_text({'jsonrpc': '2.0', 'id': message.get('id'), 'result': sub})
            threading.Thread(target=self.heads, args=(sub,), daemon=True).start()
        elif message and message.get('method') == 'eth_unsubscribe':
            found = self.subscriptions.pop((message.get('params') or [None])[0], None) is not None
            self.send_text({'jsonrpc': '2.0', 'id': message.get('id'), 'result': found})
        else:
            reply = handle(text)
            if reply is not None:
                self.send_text(reply)

    def heads(self, sub):
        last = block_number()
        while sub in self.subscriptions:
            time.sleep(min(BLOCK_SECONDS, 1))
            now = block_number()
            for number in range(last + 1, now + 1):
                self.send_text({'jsonrpc': '2.0', 'method': 'eth_subscription',
                                'params': {'subscription': sub, 'result': block(number)}})
            last = now

    def read_frame(self):
        head = self.rfile.read(2)
        if len(head) < 2:
            raise ConnectionError('closed')
        opcode, length = head[0] & 0x0F, head[1] & 0x7F
        if length == 126:
            length = struct.unpack('>H', self.rfile.read(2))[0]
        elif length == 127:
            length = struct.unpack('>Q', self.rfile.read(8))[0]
        mask = self.rfile.read(4) if head[1] & 0x80 else b'\0\0\0\0'
        data = self.rfile.read(length)
        return opcode, bytes(b ^ mask[i % 4] for i, b in enumerate(data))

    def send_text(self, message):
        self.send_frame(1, json.dumps(message).encode())

    def send_frame(self, opcode, data):
        n = len(data)
        head = bytes([0x80 | opcode]) + (bytes([n]) if n < 126 else bytes([126]) + struct.pack('>H', n)
                                          if n < 65536 else bytes([127]) + struct.pack('>Q', n))
        with self.lock:
            self.wfile.write(head + data)
            self.wfile.flush()

    def log_message(self, *args):
        pass


def main():
    servers = []
    for port, handler in ((int(SETTINGS['HTTP_PORT']), Http), (int(SETTINGS['WS_PORT']), WebSocket)):
        server = ThreadingHTTPServer(('', port), handler)
        server.daemon_threads = True
        threading.Thread(target=server.serve_forever, daemon=True).start()
        servers.append(server)
    print(f'rpc stand-in: chain {CHAIN_ID}, HTTP :{SETTINGS["HTTP_PORT"]}, WebSocket :{SETTINGS["WS_PORT"]}', flush=True)
    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    signal.signal(signal.SIGINT, lambda *_: stop.set())
    stop.wait()


if __name__ == '__main__':
    main()
