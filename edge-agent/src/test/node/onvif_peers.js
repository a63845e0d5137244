// Holds the edge agent's ONVIF device service to account with two independent npm clients, `onvif` and
// `node-onvif`. Usage: node onvif_peers.js DEVICE_PORT DISCOVERY_PORT USER PASSWORD
// Prints one JSON object with what each client saw; the Java test asserts on it.
// Both clients send WS-Discovery probes only to the multicast group 239.255.255.250:3702. Tests stay on
// loopback, so the probe's destination is rewritten to 127.0.0.1:DISCOVERY_PORT; everything else (the
// probe they build, the ProbeMatches they parse) is theirs.
'use strict';
const dgram = require('dgram');
const [devicePort, discoveryPort, user, pass] = process.argv.slice(2);

const originalSend = dgram.Socket.prototype.send;
dgram.Socket.prototype.send = function (buf, offset, length, port, address, cb) {
  if (address === '239.255.255.250' && port === 3702) {
    return originalSend.call(this, buf, offset, length, Number(discoveryPort), '127.0.0.1', cb);
  }
  return originalSend.apply(this, arguments);
};

const { Cam, Discovery } = require('onvif');
const NodeOnvif = require('node-onvif');

const out = {};
const xaddr = `http://127.0.0.1:${devicePort}/onvif/device_service`;
const call = (cam, fn, ...args) => new Promise((resolve, reject) =>
  cam[fn](...args, (err, res) => (err ? reject(err) : resolve(res))));
const connect = (opts) => new Promise((resolve, reject) => {
  const cam = new Cam(opts, (err) => (err ? reject(err) : resolve(cam)));
});
const safe = async (name, f) => {
  try {
    out[name] = await f();
  } catch (e) {
    out[name] = { error: String(e && e.message ? e.message : e) };
  }
};

async function main() {
  await safe('onvifDiscovery', () => new Promise((resolve, reject) => {
    Discovery.probe({ timeout: 4000, resolve: false }, (err, found) => {
      if (err) {
        reject(err);
        return;
      }
      resolve(found.map((d) => ({ xaddrs: d.probeMatches.probeMatch.XAddrs, scopes: d.probeMatches.probeMatch.scopes })));
    });
  }));
  const base = { hostname: '127.0.0.1', port: Number(devicePort), username: user, password: pass, timeout: 5000 };
  await safe('onvifWsSecurity', async () => {
    const cam = await connect(base);
    const info = await call(cam, 'getDeviceInformation');
    const profiles = cam.profiles.map((p) => ({ token: p.$.token, name: p.name }));
    const token = profiles[0].token;
    const stream = await call(cam, 'getStreamUri', { protocol: 'RTSP', profileToken: token });
    const presets = await call(cam, 'getPresets', { profileToken: token });
    await call(cam, 'continuousMove', { profileToken: token, x: 0.5, y: -0.25, zoom: 0, timeout: 2000 });
    await call(cam, 'stop', { profileToken: token, panTilt: true, zoom: true });
    const presetList = Object.values(presets).map((p) => ({ token: p.$.token, name: p.name }));
    await call(cam, 'gotoPreset', { profileToken: token, preset: presetList[0].token });
    return { manufacturer: info.manufacturer, model: info.model, profiles, streamUri: stream.uri, presets: presetList };
  });
  await safe('onvifDigest', async () => {
    const cam = await connect({ ...base, useWSSecurity: false });
    const info = await call(cam, 'getDeviceInformation');
    const stream = await call(cam, 'getStreamUri', { protocol: 'RTSP', profileToken: cam.profiles[0].$.token });
    return { model: info.model, streamUri: stream.uri };
  });
  await safe('onvifWrongPassword', async () => {
    const cam = await connect({ ...base, password: 'not-the-password' });
    await call(cam, 'getDeviceInformation');
    return { accepted: true };
  });
  await safe('onvifDigestWrongPassword', async () => {
    const cam = await connect({ ...base, password: 'not-the-password', useWSSecurity: false });
    await call(cam, 'getDeviceInformation');
    return { accepted: true };
  });
  await safe('nodeOnvifDiscovery', async () => {
    const list = await NodeOnvif.startProbe();
    return list.map((d) => ({ xaddrs: d.xaddrs, name: d.name, hardware: d.hardware }));
  });
  await safe('nodeOnvif', async () => {
    const device = new NodeOnvif.OnvifDevice({ xaddr, user, pass });
    const info = await device.init();
    const profile = device.getCurrentProfile();
    await device.ptzMove({ speed: { x: -0.5, y: 0, z: 0.5 }, timeout: 1 });
    await device.ptzStop();
    return { model: info.Model, profiles: device.getProfileList().length, streamUri: profile.stream.rtsp,
      snapshotUri: profile.snapshot, width: profile.video.encoder.resolution.width };
  });
  await safe('nodeOnvifWrongPassword', async () => {
    const device = new NodeOnvif.OnvifDevice({ xaddr, user, pass: 'not-the-password' });
    await device.init();
    return { accepted: true };
  });
  process.stdout.write(JSON.stringify(out) + '\n');
}

main().then(() => process.exit(0), (e) => { console.error(e); process.exit(1); });
