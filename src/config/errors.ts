/** A configuration problem: the CLI exits 3, the kiosk shows the admin screen. */
import { englishText } from '../messages/index.js';

export class ConfigurationError extends Error {
  override name = 'ConfigurationError';
  constructor(
    message: string,
    /** The screen shows it as the kind `configuration`: by default, that kind's next action. */
    readonly nextAction: string = englishText('configuration', {}).nextAction,
  ) {
    super(message);
  }
}
