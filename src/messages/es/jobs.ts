/** Refusals about one job: cancel, retry, a first reading, the manifest and disconnect by IMEI. */
import type { jobs as english } from '../en/jobs.js';
import type { Translation } from '../translation.js';

export const jobs: Translation<typeof english> = {
  unknown_device_type: {
    message: '"{deviceType}" no es un tipo de dispositivo de este quiosco.',
    nextAction: 'Elija uno de los botones de tipo de dispositivo.',
  },
  no_such_job: {
    message: 'Ese trabajo no existe.',
    nextAction: 'Actualice la lista.',
  },
  shown_job_missing: {
    message: 'El trabajo de esta pantalla ya no está en el registro.',
    nextAction: 'Vuelva a escanear el dispositivo.',
  },
  job_disappeared: {
    message: 'El trabajo desapareció.',
    nextAction: 'Actualice la lista.',
  },
  job_not_cancellable: {
    message: 'Este trabajo está en estado «{state}» y no se puede cancelar.',
    nextAction: 'Para deshacer una conexión, use Desconectar.',
  },
  job_not_connected: {
    message: 'Este trabajo está en estado «{state}»: no hay ningún dispositivo conectado del que tomar una medición.',
    nextAction: 'Conecte primero el dispositivo y luego pida una medición.',
  },
  bad_date_range: {
    message: 'Estas fechas no forman un intervalo.',
    nextAction: 'Elija un día de inicio igual o anterior al día final.',
  },
  imei_not_connected: {
    message: 'El registro de este quiosco no tiene el IMEI …{imeiLast4} conectado a ningún paciente.',
    nextAction: 'Escriba también el ID del paciente, o busque el dispositivo en la estación que lo conectó.',
  },
};
