// The versions a rendered sketch.yaml pins. Written down from the Arduino and Espressif indexes when this was
// built (they cannot be queried offline); a newer core usually works, the profile makes the build reproducible.

export interface PinnedLibrary {
  /** The name in the Library Manager (and in sketch.yaml). */
  readonly name: string;
  readonly version: string;
  /** The header a sketch includes. */
  readonly header: string;
}

export const CORE_VERSIONS: Readonly<Record<string, string>> = {
  'arduino:avr': '1.8.6',
  'arduino:mbed_nano': '4.2.4',
  'arduino:mbed_rp2040': '4.2.4',
  'arduino:mbed_portenta': '4.2.4',
  'arduino:mbed_nicla': '4.2.4',
  'arduino:esp32': '2.0.18-arduino.5',
  'esp32:esp32': '3.0.7',
  'Seeeduino:mbed': '2.9.2',
};

/** The TFLite Micro port for Arduino that is in the Library Manager (Arduino's own one no longer is). */
export const TFLM_LIBRARY: PinnedLibrary = { name: 'Chirale_TensorFLowLite', version: '2.0.0', header: 'Chirale_TensorFlowLite.h' };

/** IMU libraries by part; every one but Seeed's speaks the Arduino IMU API (IMU.begin, readAcceleration). */
export const IMU_LIBRARIES: Readonly<Record<string, PinnedLibrary & { readonly api: 'arduino' | 'seeed' }>> = {
  LSM9DS1: { name: 'Arduino_LSM9DS1', version: '1.1.1', header: 'Arduino_LSM9DS1.h', api: 'arduino' },
  BMI270: { name: 'Arduino_BMI270_BMM150', version: '1.2.1', header: 'Arduino_BMI270_BMM150.h', api: 'arduino' },
  LSM6DSOX: { name: 'Arduino_LSM6DSOX', version: '1.1.2', header: 'Arduino_LSM6DSOX.h', api: 'arduino' },
  LSM6DS3: { name: 'Arduino_LSM6DS3', version: '1.0.3', header: 'Arduino_LSM6DS3.h', api: 'arduino' },
  'LSM6DS3TR-C': { name: 'Seeed Arduino LSM6DS3', version: '2.0.4', header: 'LSM6DS3.h', api: 'seeed' },
};

/** Version of the exported Arduino library (library.properties needs one). */
export const LIBRARY_VERSION = '1.0.0';
