// A self-signed certificate for localhost / 127.0.0.1, for the HTTPS tests only (never trusted
// anywhere: the tests pass it as the CA or use the client's insecure option). Valid until 2126.
// And a loopback HTTPS server with it that records each handshake it completes.
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import type { TLSSocket } from 'node:tls';
import { clearTlsSessions } from '../../../engine/http/tlsSessions';

export const TEST_KEY = `-----BEGIN PRIVATE KEY-----
MIIEvgIBADANBgkqhkiG9w0BAQEFAASCBKgwggSkAgEAAoIBAQC1n6+c2oKlcFMb
/9QeBQh0xHKBCe3N2GGz5y/wKakOk9KEiQLPhxkVymfrZj/3W3dblIoGGWUEHpgK
sErBtcMytpO9DS0Rp9hJmqKse6AjXsi5C31+46324u5+u8rDxtwsauOPQvCKOfcb
/hvYJSbccdls9gxyCJHYLhu4JsLWeyw6uccv4Pj2q0un+rQPGz8jqp5Tlb5jdbA1
FeurGDTMOQf66MsGLnhMhWxG4AGP3Ofm877hhef8YrJ2bPHeAuR/Cie1e7T/nH+I
MQNGwkPKOdU2nn3VTpb2eOXx7BdkCZKTNUc/DkfI4u46H9M0feBhMD/sA5KI/4Vq
Ykzx9HObAgMBAAECggEACWwnaDPN41dYeHNlRcltDuHCLv+c3rkDGJo92m/O3Xq9
yTJyeuG/Y2oEyimb1/Fe19l076wRmY0cxjEvL62GWvMt5vjwBaJ3jhn/poMjY7Jf
J3p5IEQfmldbmCeV9WIzufoxpBUM9Z7cOw+L0kLbKUSeyxBYxPG830JFHeCk6wuS
c7u1guQOjYPWim4EuAdLUAwwwtlHwqtGGRvFf2pgq9CNECpyBImacEku+bLlr0lX
WWq5PtwmqKBX7a5IFRgtAwM+Z819lCnux+DXwHulJ1m/wBRfYhBzOBG0I9xRbV3D
Bhoyay6AnS9GVP8lbWQzy1WEIqWGsk6Fc2p+v7rSAQKBgQDgVFqb5RV2uGBqLZz9
4EJ1WWNMz55WuVZVtPuZ9kZHatcZ9WiVXYa4khUh/mDnUGdU9Fmj0fHEmVIV3Oay
uvVSDmPkR65dN6aY+CSuYgl8QQZoddXySR/VJKi1HiyA3NTRjBCZVQDC+5LxA4qj
Kg0iSEugOvYvf1+g7Bfn+tWmoQKBgQDPQ9/6m2Rl0Hv35T3Z3m6Fxhl6jD7jc66n
37x1AVQHau2cDCnoolvt95sc48M2/xSyqineGp32dAGC2Of/CIew64KeJ6LF4xps
Jg/5PGjYLR+dZ+1UP7JGTFKVmn2IjBYBMFACcOkXf54Hu+SEB05RtWf6CESzw/YM
Gk3YcxY8uwKBgG2iLCo2WjgMQeqCYlBc8n3hcrtOWIbvyzbV3YTQLGao23kvS657
5+R6WGOlq3xA+k81oD2E1FCN0eUncYP2BQDWUZF2Ssv576yg0WR8O0CDkvsoY6gm
fq0vXlgt5/gOdN/4QQB+34Fra9PoNDAr1AFmLbegOULbUEQYPlK8bwAhAoGBAMqD
1H6GhMOiwO5H1HZjivQ0ysJd9DjD2Jz41KgyowsYZJB7phtDQLW0oJ/Kv/ylonCs
KXp14XBkivFxxMUBbavlgdvMeJQIQdH4ItVxPDQ1atWfLVqLXkKn4m2A5TWdQwbo
UNUBxA8Mx7lg0nhatyDJMo4wtAg96dSLgxKB6PFvAoGBANOYpzmUHDGmK3xf0egk
7WqxUeni+YrybI4jzYyRkt1AvLNPqpopOgfDXNTOr/ILvt3GeTj+yD56IJ/wvi2C
VwoamxxVX9faguKw2VmRXBkoBJZmA/LEbjr6VLZ48NdHazn6Fkr9I0hBSm0xjiB+
dzbHGjYDvTVLHYkY7XQZ1Meo
-----END PRIVATE KEY-----
`;
export const TEST_CERT = `-----BEGIN CERTIFICATE-----
MIIDJzCCAg+gAwIBAgIUBP4YHRzkOZe6OC27/kKcdCUqSUQwDQYJKoZIhvcNAQEL
BQAwFDESMBAGA1UEAwwJbG9jYWxob3N0MCAXDTI2MTEyMzEzMDYxMVoYDzIxMjYx
MDMwMTMwNjExWjAUMRIwEAYDVQQDDAlsb2NhbGhvc3QwggEiMA0GCSqGSIb3DQEB
AQUAA4IBDwAwggEKAoIBAQC1n6+c2oKlcFMb/9QeBQh0xHKBCe3N2GGz5y/wKakO
k9KEiQLPhxkVymfrZj/3W3dblIoGGWUEHpgKsErBtcMytpO9DS0Rp9hJmqKse6Aj
Xsi5C31+46324u5+u8rDxtwsauOPQvCKOfcb/hvYJSbccdls9gxyCJHYLhu4JsLW
eyw6uccv4Pj2q0un+rQPGz8jqp5Tlb5jdbA1FeurGDTMOQf66MsGLnhMhWxG4AGP
3Ofm877hhef8YrJ2bPHeAuR/Cie1e7T/nH+IMQNGwkPKOdU2nn3VTpb2eOXx7Bdk
CZKTNUc/DkfI4u46H9M0feBhMD/sA5KI/4VqYkzx9HObAgMBAAGjbzBtMB0GA1Ud
DgQWBBQlbpcoK7N3kASmgb6dMsd0muVCGzAfBgNVHSMEGDAWgBQlbpcoK7N3kASm
gb6dMsd0muVCGzAPBgNVHRMBAf8EBTADAQH/MBoGA1UdEQQTMBGCCWxvY2FsaG9z
dIcEfwAAATANBgkqhkiG9w0BAQsFAAOCAQEAhQRWRWOSJI+0yCO+X5+xLaD7DRyq
rcF0zvnRFz0kSw9yPGZR9JdNDdMHRGrT7q3kt3gZMSm2IBbITOEAj6Zf58RMI6z6
jaxtF3bfjgMhHWq3LzEXo+DRf2xVAihqLZyI3bhfS/uKOSmfpLtBfvoW8beWsulC
Rlb3ozqHTr+bXxznFckThVo13dyJCn+mASsbZZNv6YXFyhctxgsTqkoebxIfbtvc
Udjvoq254V/oZ69BbrL302eOfWCG05PLdtVcPTbQnrR0pPTWXBVUeupf1nQ3IKYr
w5iQqQIl+IBq2iYXpFqlrZhFJktpPNakf/vSctT+odcauet/NbHNgj3AYw==
-----END CERTIFICATE-----
`;

export interface HandshakeServer {
  url: string;
  /** One entry per TLS handshake the server completed: true when it resumed a session. */
  resumed: boolean[];
  /** The same handshakes' remote (client) addresses. */
  sources: Array<string | undefined>;
  close(): Promise<void>;
}

/** An HTTPS server on 127.0.0.1 (port 0) answering `secure`, recording every handshake. */
export async function handshakeServer(): Promise<HandshakeServer> {
  const resumed: boolean[] = [];
  const sources: Array<string | undefined> = [];
  const server = https.createServer({ key: TEST_KEY, cert: TEST_CERT }, (_req, res) => res.end('secure'));
  server.on('secureConnection', (s: TLSSocket) => {
    resumed.push(s.isSessionReused());
    sources.push(s.remoteAddress);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    url: `https://127.0.0.1:${(server.address() as AddressInfo).port}`,
    resumed,
    sources,
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}

/** Runs `body` against a fresh handshake server with an empty session cache, and closes the server. */
export async function withHandshakeServer(body: (srv: HandshakeServer) => Promise<void>): Promise<void> {
  clearTlsSessions();
  const srv = await handshakeServer();
  try {
    await body(srv);
  } finally {
    await srv.close();
    clearTlsSessions();
  }
}
