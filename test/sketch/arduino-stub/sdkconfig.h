/* Compile-only stand-in for arduino-esp32's sdkconfig.h. */
#define CONFIG_ARDUINO_LOOP_STACK_SIZE 8192
