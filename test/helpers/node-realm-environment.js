// Jest runs each test file in its own V8 realm, so a Float32Array made by a native addon
// (onnxruntime-node's outputs) fails onnxruntime-common's `instanceof Float32Array` check.
// This environment hands the test realm Node's own typed-array constructors; jest.config.js
// uses it for every test, since every app test now runs the models.
const { TestEnvironment } = require('jest-environment-node');

const SHARED = [
  'ArrayBuffer', 'SharedArrayBuffer', 'DataView',
  'Int8Array', 'Uint8Array', 'Uint8ClampedArray', 'Int16Array', 'Uint16Array',
  'Int32Array', 'Uint32Array', 'Float32Array', 'Float64Array', 'BigInt64Array', 'BigUint64Array',
];

class NodeRealmEnvironment extends TestEnvironment {
  constructor(config, context) {
    super(config, context);
    for (const name of SHARED) this.global[name] = globalThis[name];
  }
}

module.exports = NodeRealmEnvironment;
