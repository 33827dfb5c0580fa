/** A configuration problem: the CLI exits 3, the kiosk shows the admin screen. */
export class ConfigurationError extends Error {
  override name = 'ConfigurationError';
  constructor(
    message: string,
    readonly nextAction: string = 'Ask an administrator to complete the settings, or remove them to run in training mode.',
  ) {
    super(message);
  }
}
