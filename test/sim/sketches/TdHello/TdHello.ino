// Prints a token fixed at compile time (-DTD_TOKEN=...), so a test knows the freshly built firmware is running.
#ifndef TD_TOKEN
#define TD_TOKEN 0
#endif

void setup() {
  Serial.begin(115200);
  Serial.print(F("td-hello "));
  Serial.println((unsigned long)TD_TOKEN);
}

void loop() {
  Serial.print(F("td-tick "));
  Serial.println(millis());
  delay(200);
}
