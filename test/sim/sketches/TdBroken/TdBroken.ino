// Fails to compile on purpose: td_undeclared_value is never declared.
void setup() {
  Serial.begin(115200);
}

void loop() {
  Serial.println(td_undeclared_value);
}
