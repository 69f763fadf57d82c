// What a student does about a serial port the OS refused: one wording, shared by the serial layer (core/device)
// and the uploader's error classifier (core/toolchain), so the app never gives two different dialout hints.

export const PORT_NOT_FOUND_ADVICE =
  'Plug the board in (with a data cable, not a charge-only one) and choose its port again from the list.';

export const PORT_BUSY_ADVICE =
  'Close the serial monitor or the other program that has the port open (Arduino IDE, screen, minicom, another ' +
  'TinyDeploy window), then try again.';

/** Linux: the dialout group; macOS: the privacy setting; Windows: the program or driver holding the port. */
export function portPermissionAdvice(platform: string): string {
  if (platform === 'linux') return 'Give your user access to serial ports: run  sudo usermod -a -G dialout $USER  then log out and back in.';
  if (platform === 'darwin') return 'Allow the app to use the port (System Settings → Privacy & Security) and replug it.';
  return 'Close other programs that use the port; if it persists, replug the board or reinstall its driver.';
}
