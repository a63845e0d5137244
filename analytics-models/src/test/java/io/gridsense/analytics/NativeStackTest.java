package io.gridsense.analytics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.bytedeco.opencv.global.opencv_imgproc.COLOR_BGR2GRAY;
import static org.bytedeco.opencv.global.opencv_imgproc.cvtColor;

import io.gridsense.analytics.scene.DemoScene;
import io.gridsense.analytics.scene.SceneVideo;
import java.nio.file.Path;
import java.time.Duration;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.OpenCVFrameConverter;
import org.bytedeco.opencv.global.opencv_core;
import org.bytedeco.opencv.opencv_core.Mat;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/** FFmpeg decode, OpenCV and a Deeplearning4j forward pass in one JVM: the pinned javacpp 1.5.7 stack loads. */
class NativeStackTest {

    @Test
    void decodeOpenCvAndDl4jLoadTogether(@TempDir Path dir) throws Exception {
        Path clip = dir.resolve("walking.mp4");
        SceneVideo.write(DemoScene.WALKING, 1, clip, 320, 180, 10, Duration.ofSeconds(2));

        int frames = 0;
        double meanGrey = 0;
        try (FFmpegFrameGrabber grabber = new FFmpegFrameGrabber(clip.toFile());
             OpenCVFrameConverter.ToMat converter = new OpenCVFrameConverter.ToMat();
             Mat grey = new Mat()) {
            grabber.start();
            Frame f;
            while ((f = grabber.grabImage()) != null) {
                Mat bgr = converter.convert(f);
                cvtColor(bgr, grey, COLOR_BGR2GRAY);
                meanGrey = opencv_core.mean(grey).get(0);
                frames++;
            }
            grabber.stop();
        }
        assertThat(frames).isBetween(18, 21);
        assertThat(meanGrey).isBetween(60.0, 220.0);

        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder()
                .seed(42)
                .list()
                .layer(new DenseLayer.Builder().nIn(6).nOut(8).activation(Activation.RELU).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(8).nOut(2)
                        .activation(Activation.SOFTMAX).build())
                .build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        INDArray in = Nd4j.linspace(0, 1, 18).reshape(3, 6).castTo(org.nd4j.linalg.api.buffer.DataType.FLOAT);
        INDArray out = net.output(in);
        assertThat(out.shape()).containsExactly(3, 2);
        assertThat(out.sumNumber().doubleValue()).isCloseTo(3.0, org.assertj.core.data.Offset.offset(1e-4));
    }
}
