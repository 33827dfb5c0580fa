/** Refusals of a settings save: the station name, a setting's value, the base URLs. */
export const settings = {
  station_name_invalid: {
    message: 'A station name is 1 to 254 characters, on one line.',
    nextAction: 'Type a shorter name on one line, e.g. "Packing 3".',
  },
  setting_invalid: {
    message: 'The setting "{setting}" cannot be saved: {reason}.',
    nextAction: 'Correct it and save again.',
  },
  base_url_not_https: {
    message:
      '{origin} is not HTTPS: the organization token travels in the URL, so only HTTPS (or http on this computer, for a simulator) is allowed.',
    nextAction: 'Use the https:// address Validic gave you, or http://127.0.0.1 for a simulator on this computer.',
  },
  base_url_has_credentials: {
    message:
      'The address for {origin} has a user name or password in it: it would be written to the journal and the logs.',
    nextAction: 'Remove the "name:password@" part; the organization token goes in its own field.',
  },
  base_url_invalid: {
    message: '"{url}" is not a URL.',
    nextAction: 'Type the whole address, starting with https://.',
  },
} as const;
