// core/device: serial transport, line reading, the port list and the simulated boards.
export * from './transport.js';
export * from './line-reader.js';
export * from './port-errors.js';
export * from './port-list.js';
export { createSerialTransport, openSerialTransport, listSystemPorts, type SystemPortInfo } from './serialport-transport.js';
export * from './virtual/index.js';
